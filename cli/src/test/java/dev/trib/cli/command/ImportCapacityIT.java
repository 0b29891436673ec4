package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capacity rail of {@code trib import} on real nodes: a standalone source of 1,000 keys of 10 KB (about a third
 * of them, 3.3 MB, hashing to each master) and one master whose maxmemory leaves 1 MB of room. The import is refused
 * in one line before any key moves; --preflight shows the figures and exits 1; --force imports anyway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportCapacityIT {
    private static final int KEYS = 1000;

    private TestCluster cluster;
    private RedisNode source;
    private RedisNode full;

    @BeforeAll
    void create() {
        cluster = TestCluster.start(3, TestCluster.THREE_HOSTS).createWithRedisCli(0);
        source = RedisFixture.start("127.0.0.1", false);
        String value = "v".repeat(10 * 1024);
        for (int i = 0; i < KEYS; i++) {
            assertEquals("OK", source.call("SET", "imp:" + i, value));
        }
        full = cluster.node(1);
        long used = Long.parseLong(full.info("memory", "used_memory"));
        assertEquals("OK", full.call("CONFIG", "SET", "maxmemory", Long.toString(used + 1024 * 1024)));
    }

    @AfterAll
    void stop() {
        if (source != null) {
            source.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }



    private long clusterKeys() {
        return cluster.nodes().stream().mapToLong(n -> (Long) n.call("DBSIZE")).sum();
    }

    private TribRunner.Result importing(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("import", cluster.node(0).hostPort(), "--from",
                source.hostPort()));
        args.addAll(List.of(extra));
        return trib(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void anImportThatWouldFillAMasterIsRefusedInOneLineBeforeAnyKeyMoves() {
        TribRunner.Result r = importing();
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("[ERR] ")).toList();
        assertEquals(1, errors.size(), r.toString());
        String err = errors.get(0);
        assertTrue(err.startsWith("[ERR] Importing ") && err.contains(" keys (about ")
                && err.contains(") into " + full.label() + " would take it to ") && err.endsWith(": nothing was "
                + "imported. Free memory there, raise its maxmemory or import fewer keys; --force imports anyway."),
                r.toString());
        assertEquals(0L, clusterKeys(), "no key copied");
        assertEquals((long) KEYS, source.call("DBSIZE"));
    }

    @Test
    @Order(2)
    void preflightShowsTheFiguresAndChangesNothing() {
        TribRunner.Result r = importing("--preflight");
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("  " + full.label() + " receives ")
                && l.contains(" keys, about ") && l.endsWith(" maxmemory after)")), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] Importing ")
                && l.contains(" into " + full.label() + " would take it to ") && l.endsWith(" used now).")),
                r.toString());
        assertTrue(r.outLines().contains("[ERR] Preflight: 1 problem would refuse this import (--force overrides). "
                + "Nothing was imported."), r.toString());

        TribRunner.Result json = importing("--preflight", "--json");
        assertEquals(ExitCodes.PROBLEMS, json.exitCode(), json.toString());
        assertTrue(json.out().startsWith("{") && json.out().contains("\"exitCode\" : 1")
                && json.out().contains("\"refusals\" : [ \"Importing ") && json.out().contains("\"overflows\" : true")
                && json.out().contains("\"maxmemory\" : "), json.toString());
        assertEquals(0L, clusterKeys());

        // A master with room is no refusal.
        long used = Long.parseLong(full.info("memory", "used_memory"));
        assertEquals("OK", full.call("CONFIG", "SET", "maxmemory", Long.toString(used + 64L * 1024 * 1024)));
        try {
            TribRunner.Result passes = importing("--preflight");
            assertEquals(ExitCodes.OK, passes.exitCode(), passes.toString());
            assertTrue(passes.outLines().contains("[OK] Preflight passed: no rail would refuse importing from "
                    + source.hostPort() + ". Nothing was imported."), passes.toString());
        } finally {
            assertEquals("OK", full.call("CONFIG", "SET", "maxmemory", Long.toString(used + 1024 * 1024)));
        }
        assertEquals(0L, clusterKeys());
    }

    @Test
    @Order(3)
    void aSourceUserWhoMayNotSizeKeysIsToldWhatToGrantAndForceSkipsTheCheck() {
        assertEquals("OK", source.call("ACL", "SETUSER", "imp", "on", ">imp-pass", "~*", "+scan", "+migrate",
                "+select", "+restore", "+info", "+ping", "+dbsize"));
        TribRunner.Result r = importing("--from-user", "imp", "--from-pass", "imp-pass");
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("[ERR] ")).toList();
        assertEquals(1, errors.size(), r.toString());
        assertTrue(errors.get(0).startsWith("[ERR] " + source.hostPort() + " answered MEMORY USAGE with: NOPERM")
                && errors.get(0).endsWith("(a master has a maxmemory, so the source's keys are sized first: grant "
                + "+memory|usage and +dbsize there, or pass --force)"), r.toString());

        TribRunner.Result forced = importing("--from-user", "imp", "--from-pass", "imp-pass", "--force",
                "--preflight");
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.toString());
        assertTrue(forced.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] Room in the cluster not checked: "
                + source.hostPort() + " answered MEMORY USAGE with: NOPERM")), forced.toString());
        assertEquals(0L, clusterKeys());
        assertEquals((long) KEYS, source.call("DBSIZE"));
    }

    @Test
    @Order(4)
    void forceImportsAnyway() {
        // Evicting instead of refusing writes, so the forced import can complete.
        assertEquals("OK", full.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru"));
        TribRunner.Result r = importing("--force");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] Importing ")
                && l.endsWith(" (--force).")), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("[OK] Imported " + KEYS + " keys in ")),
                r.toString());
        assertEquals(0L, source.call("DBSIZE"), "every key left the source");
        assertTrue(clusterKeys() > 0);
    }
}
