package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.KeySlot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The safety rails of reshard and rebalance on real nodes (node timeout 3000 ms). Capacity: 100 keys of 100 KB in
 * slots 0-99 of the first master, and a second master whose maxmemory leaves room for about 3 MB; moving those
 * slots onto it is refused before anything moves, a dry run shows the figures, --force moves anyway. Big keys: a
 * 40 MB string in slot 100 (about 2 s to move at 20 MB/s, more than half the timeout) is named and refused, and
 * moved with --allow-big-keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SafetyRailsIT {
    private TestCluster cluster;
    private RedisNode source;
    private RedisNode target;
    private RedisNode third;

    @BeforeAll
    void create() {
        cluster = TestCluster.start(3, TestCluster.THREE_HOSTS).createWithRedisCli(0);
        source = cluster.nodes().stream().filter(n -> n.myself().slots().contains(0)).findFirst().orElseThrow();
        target = cluster.nodes().stream().filter(n -> n != source).findFirst().orElseThrow();
        third = cluster.nodes().stream().filter(n -> n != source && n != target).findFirst().orElseThrow();
        String value = "v".repeat(100 * 1024);
        Set<Integer> filled = new HashSet<>();
        for (int i = 0; filled.size() < 100; i++) {
            String key = "cap:" + i;
            int slot = KeySlot.of(key);
            if (slot < 100 && filled.add(slot)) {
                assertEquals("OK", source.call("SET", key, value));
            }
        }
        long used = Long.parseLong(target.info("memory", "used_memory"));
        assertEquals("OK", target.call("CONFIG", "SET", "maxmemory", Long.toString(used + 3 * 1024 * 1024)));
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }



    private String[] reshard(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("reshard", source.hostPort(), "--from", source.myId(),
                "--to", target.myId(), "--slots", "100", "--yes"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    @Order(1)
    void aReshardThatWouldFillTheTargetIsRefusedBeforeAnythingMoves() {
        int before = target.myself().slots().size();
        TribRunner.Result r = trib(reshard());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        String err = r.err().lines().filter(l -> l.startsWith("[ERR] ")).findFirst().orElseThrow();
        assertTrue(err.startsWith("[ERR] Moving 100 slots (about ") && err.contains(" onto " + target.label()
                + " would take it to ") && err.endsWith(": nothing was moved. Free memory there, raise its maxmemory "
                + "or move fewer slots; --force moves anyway."), r.toString());
        assertEquals(before, target.myself().slots().size());
        assertTrue(source.myself().slots().contains(0));
        assertEquals(100L, source.call("DBSIZE"));
    }

    @Test
    @Order(2)
    void aDryRunShowsTheFiguresAndWarns() {
        TribRunner.Result r = trib(reshard("--dry-run"));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("  " + target.label() + " receives 100 slots, "
                + "about ") && l.endsWith(" maxmemory after)")), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] Moving 100 slots (about ")
                && l.endsWith(".")), r.toString());

        // --preflight: the same figures, and exit 1 because a rail would refuse; a harmless plan passes.
        TribRunner.Result pre = trib(reshard("--preflight"));
        assertEquals(ExitCodes.PROBLEMS, pre.exitCode(), pre.toString());
        assertTrue(pre.outLines().contains("[ERR] Preflight: 1 problem would refuse this run (--force / "
                + "--allow-big-keys override). Nothing was moved."), pre.toString());
        TribRunner.Result preJson = trib(reshard("--preflight", "--json"));
        assertEquals(ExitCodes.PROBLEMS, preJson.exitCode(), preJson.toString());
        assertTrue(preJson.out().contains("\"exitCode\" : 1") && preJson.out().contains("\"refusals\" : [ \"Moving "
                + "100 slots (about "), preJson.toString());
        TribRunner.Result passes = trib("reshard", source.hostPort(), "--from", source.myId(), "--to", third.myId(),
                "--slots", "1", "--preflight");
        assertEquals(ExitCodes.OK, passes.exitCode(), passes.toString());
        assertTrue(passes.outLines().contains("[OK] Preflight passed: no rail would refuse the plan (1 slot move). "
                + "Nothing was moved."), passes.toString());
        assertTrue(source.myself().slots().contains(0), "nothing moved");

        TribRunner.Result rebalance = trib("rebalance", source.hostPort(), "--weight", target.myId() + "=3",
                "--dry-run");
        assertEquals(ExitCodes.OK, rebalance.exitCode(), rebalance.toString());
        assertTrue(rebalance.outLines().stream().anyMatch(l -> l.startsWith("  " + target.label() + " receives ")),
                rebalance.toString());
    }

    @Test
    @Order(3)
    void forceMovesAnyway() {
        // Evicting instead of refusing writes, so the forced move can complete.
        assertEquals("OK", target.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru"));
        int before = target.myself().slots().size();
        TribRunner.Result r = trib(reshard("--force"));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] Moving 100 slots (about ")
                && l.endsWith(" (--force).")), r.toString());
        assertEquals(before + 100, target.myself().slots().size());
    }

    private static String keyInSlot(int slot) {
        for (int i = 0; ; i++) {
            if (KeySlot.of("big:" + i) == slot) {
                return "big:" + i;
            }
        }
    }

    @Test
    @Order(4)
    void aKeyThatWouldBlockTooLongIsNamedAndRefusedUnlessAllowed() {
        String key = keyInSlot(100);
        assertEquals(40L * 1024 * 1024, (Long) source.call("SETRANGE", key, 40 * 1024 * 1024 - 1, "x"));
        String[] args = {"reshard", source.hostPort(), "--from", source.myId(), "--to", third.myId(), "--slots", "1",
            "--yes"};
        TribRunner.Result r = trib(args);
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        String err = r.err().lines().filter(l -> l.startsWith("[ERR] ")).findFirst().orElseThrow();
        assertTrue(err.startsWith("[ERR] Key '" + key + "' (") && err.contains(", slot 100) on " + source.label()
                + ": moving it would block about ") && err.endsWith(", more than half the cluster-node-timeout "
                + "(3000 ms): nothing was moved. Split it, raise the node timeout for the move (trib set-timeout), or "
                + "pass --allow-big-keys."), r.toString());
        assertTrue(source.myself().slots().contains(100));

        TribRunner.Result dry = trib(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--dry-run")).toArray(String[]::new));
        assertEquals(ExitCodes.OK, dry.exitCode(), dry.toString());
        assertTrue(dry.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] Key '" + key + "' (")
                && l.endsWith(", more than half the cluster-node-timeout (3000 ms).")), dry.toString());

        TribRunner.Result allowed = trib(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--allow-big-keys")).toArray(String[]::new));
        assertEquals(ExitCodes.OK, allowed.exitCode(), allowed.toString());
        assertTrue(allowed.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] Key '" + key + "' (")
                && l.endsWith(" (--allow-big-keys).")), allowed.toString());
        assertTrue(third.myself().slots().contains(100));
        assertEquals(40L * 1024 * 1024, (Long) third.call("STRLEN", key));
    }
}
