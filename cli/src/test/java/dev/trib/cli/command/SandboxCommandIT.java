package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's main job: {@code trib sandbox up}, then status, down, up again and clean, on real redis-server
 * processes and on bundled nodes; each test has its own directory and random ports, and stops what it started.
 */
class SandboxCommandIT {

    @TempDir
    Path tmp;

    @Test
    void upStatusDownUpKeepsTheClusterAndItsDataAndUpRestartsAKilledNode() throws Exception {
        RedisFixture.assumeAvailable();
        RedisFixture.assumeRedisCli();
        Path dir = tmp.resolve("sandbox");
        int base = freeBasePort(6);
        TribRunner.Result up = trib("sandbox", "up", "--server", "redis", "--dir", dir.toString(), "--base-port",
                Integer.toString(base));
        try {
            assertEquals(ExitCodes.OK, up.exitCode(), up.toString());
            assertTrue(up.outLines().contains("[OK] All 16384 slots covered."), up.toString());
            assertTrue(up.out().contains("redis-cli -c -h 127.0.0.1 -p " + base), up.toString());
            assertEveryNodeListedAndAnsweringOnLoopback(up, base);
            RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", "127.0.0.1:" + base);
            assertEquals(0, check.exitCode(), check.output());
            assertTrue(check.output().contains("1 additional replica(s)"), check.output());
            Map<String, String> ids = nodeIds(base);
            writeKeys(base);

            TribRunner.Result again = trib("sandbox", "up", "--dir", dir.toString());
            assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
            assertTrue(again.out().contains("Sandbox cluster of 6 redis-server nodes was already up: every node "
                    + "runs in " + dir + "."), again.toString());
            TribRunner.Result againJson = trib("sandbox", "up", "--dir", dir.toString(), "--json");
            assertEquals(ExitCodes.OK, againJson.exitCode(), againJson.toString());
            JsonNode doc = new ObjectMapper().readTree(againJson.out());
            assertEquals(0, doc.get("exitCode").asInt(), againJson.out());
            assertEquals(0, doc.get("restarted").size(), againJson.out());
            assertTrue(doc.get("check").get("healthy").asBoolean(), againJson.out());
            TribRunner.Result other = trib("sandbox", "up", "--dir", dir.toString(), "--nodes", "9");
            assertEquals(ExitCodes.PROBLEMS, other.exitCode(), other.toString());
            assertEquals("[ERR] The sandbox in " + dir + " has 6 redis-server nodes from port " + base + " (1 "
                    + "replica(s) per master), not --nodes 9: 'trib sandbox clean --dir " + dir + "' deletes it "
                    + "first, or --dir makes another one.", other.err().trim());

            TribRunner.Result status = trib("sandbox", "status", "--dir", dir.toString());
            assertEquals(ExitCodes.OK, status.exitCode(), status.toString());
            assertTrue(status.outLines().contains("6 of 6 nodes running."), status.toString());

            TribRunner.Result down = trib("sandbox", "down", "--dir", dir.toString());
            assertEquals(ExitCodes.OK, down.exitCode(), down.toString());
            assertTrue(down.out().startsWith("Stopped 6 node(s) of the sandbox in " + dir), down.toString());
            TribRunner.Result stopped = trib("sandbox", "status", "--dir", dir.toString());
            assertEquals(ExitCodes.PROBLEMS, stopped.exitCode(), stopped.toString());
            assertTrue(stopped.outLines().contains("0 of 6 nodes running."), stopped.toString());
            TribRunner.Result downAgain = trib("sandbox", "down", "--dir", dir.toString());
            assertEquals(ExitCodes.PROBLEMS, downAgain.exitCode(), downAgain.toString());
            assertEquals("[ERR] No node of the sandbox in " + dir + " is running: nothing to stop.",
                    downAgain.err().trim());

            // Back with the same nodes, slots and keys.
            TribRunner.Result back = trib("sandbox", "up", "--dir", dir.toString());
            assertEquals(ExitCodes.OK, back.exitCode(), back.toString());
            assertTrue(back.out().contains("Sandbox cluster of 6 redis-server nodes is up again (6 of 6 nodes "
                    + "started, with their data) in " + dir + "."), back.toString());
            assertEquals(ids, nodeIds(base));
            assertKeys(base);

            // One node killed: up starts that one again, and the cluster is whole.
            int killed = base + 4;
            long pid = Long.parseLong(Files.readString(dir.resolve(Integer.toString(killed)).resolve("redis.pid"))
                    .trim());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            Poll.until(Duration.ofSeconds(30), "the node to die",
                    () -> trib("sandbox", "status", "--dir", dir.toString()).out().contains("5 of 6 nodes running."));
            TribRunner.Result restarted = trib("sandbox", "up", "--dir", dir.toString());
            assertEquals(ExitCodes.OK, restarted.exitCode(), restarted.toString());
            assertTrue(restarted.out().contains("is up again (1 of 6 nodes started, with their data)"),
                    restarted.toString());
            assertEquals(ids, nodeIds(base));
            assertEquals(0, RedisFixture.redisCli("--cluster", "check", "127.0.0.1:" + base).exitCode());
            assertKeys(base);
        } finally {
            trib("sandbox", "down", "--dir", dir.toString());
        }
        TribRunner.Result clean = trib("sandbox", "clean", "--dir", dir.toString());
        assertEquals(ExitCodes.OK, clean.exitCode(), clean.toString());
        assertFalse(Files.exists(dir));
        TribRunner.Result nothing = trib("sandbox", "down", "--dir", dir.toString());
        assertEquals(ExitCodes.PROBLEMS, nothing.exitCode(), nothing.toString());
        assertEquals("[ERR] No sandbox in " + dir + ": nothing to stop.", nothing.err().trim());
    }

    /** The README's main job as a new user runs it: bundled Java nodes, nothing else installed. */
    @Test
    void bundledNodesFormAClusterThatRedisToolsAcceptAndComeBackWithTheirData() throws Exception {
        RedisFixture.assumeRedisCli();
        Path dir = tmp.resolve("bundled");
        int base = freeBasePort(6);
        TribRunner.Result up = trib("sandbox", "up", "--dir", dir.toString(), "--base-port", Integer.toString(base));
        try {
            assertEquals(ExitCodes.OK, up.exitCode(), up.toString());
            assertTrue(up.out().contains("Starting 6 trib-node nodes"), up.toString());
            assertTrue(up.outLines().contains("[OK] All 16384 slots covered."), up.toString());
            assertEveryNodeListedAndAnsweringOnLoopback(up, base);
            RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", "127.0.0.1:" + base);
            assertEquals(0, check.exitCode(), check.output());
            writeKeys(base);
            for (int i = 0; i < 6; i++) {
                assertTrue(Files.exists(dir.resolve(Integer.toString(base + i)).resolve("redis.pid")),
                        "the bundled node writes its pid file");
            }

            // watch shows ops/s for bundled nodes: INFO reports the rate since its previous call.
            assertEquals(ExitCodes.OK, trib("watch", "127.0.0.1:" + base, "--once", "--json").exitCode());
            TribRunner.Result watch = trib("watch", "127.0.0.1:" + base, "--once", "--json");
            assertEquals(ExitCodes.OK, watch.exitCode(), watch.toString());
            for (JsonNode n : new ObjectMapper().readTree(watch.out()).get("nodes")) {
                assertTrue(n.get("opsPerSecond").isNumber(), watch.out());
            }

            Map<String, String> ids = nodeIds(base);
            assertEquals(ExitCodes.OK, trib("sandbox", "down", "--dir", dir.toString()).exitCode());
            TribRunner.Result back = trib("sandbox", "up", "--dir", dir.toString());
            assertEquals(ExitCodes.OK, back.exitCode(), back.toString());
            assertTrue(back.out().contains("is up again (6 of 6 nodes started, with their data)"), back.toString());
            assertEquals(ids, nodeIds(base));
            assertKeys(base);
        } finally {
            assertEquals(ExitCodes.OK, trib("sandbox", "clean", "--dir", dir.toString()).exitCode());
        }
        assertFalse(Files.exists(dir));
    }

    /** Each node is listed with its address and role, and answers on 127.0.0.1 at its port, redirects and all. */
    private static void assertEveryNodeListedAndAnsweringOnLoopback(TribRunner.Result up, int base) {
        List<String> ips = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
        for (int i = 0; i < 6; i++) {
            String address = ips.get(i % 3) + ":" + (base + i);
            assertTrue(up.outLines().stream().anyMatch(l -> l.matches("  " + java.util.regex.Pattern.quote(address)
                    + "  (master, \\d+ slots|replica of 127\\.0\\.0\\.\\d:\\d+)")), address + "\n" + up);
            RedisFixture.ProcessResult ping = RedisFixture.redisCli("-p", Integer.toString(base + i), "PING");
            assertEquals("PONG", ping.output().trim(), "127.0.0.1:" + (base + i));
        }
        // The node on 127.0.0.2 reached through 127.0.0.1: redirects name the announced addresses, which work.
        for (int i = 0; i < 3; i++) {
            RedisFixture.ProcessResult set = RedisFixture.redisCli("-c", "-p", Integer.toString(base + 1), "SET",
                    "via-loopback-" + i, "v" + i);
            assertEquals("OK", set.output().trim());
            RedisFixture.ProcessResult get = RedisFixture.redisCli("-c", "-p", Integer.toString(base + 2), "GET",
                    "via-loopback-" + i);
            assertEquals("v" + i, get.output().trim());
        }
    }

    private static final int KEYS = 12;

    private static void writeKeys(int base) {
        for (int i = 0; i < KEYS; i++) {
            assertEquals("OK", RedisFixture.redisCli("-c", "-p", Integer.toString(base + i % 3), "SET", "kept:" + i,
                    "value " + i).output().trim());
        }
    }

    private static void assertKeys(int base) {
        for (int i = 0; i < KEYS; i++) {
            assertEquals("value " + i, RedisFixture.redisCli("-c", "-p", Integer.toString(base + (i + 1) % 3),
                    "GET", "kept:" + i).output().trim(), "kept:" + i);
        }
    }

    /** Port -> node ID, as each node says. */
    private static Map<String, String> nodeIds(int base) {
        Map<String, String> ids = new TreeMap<>();
        for (int i = 0; i < 6; i++) {
            ids.put(Integer.toString(base + i), RedisFixture.redisCli("-p", Integer.toString(base + i), "CLUSTER",
                    "MYID").output().trim());
        }
        return ids;
    }

    @Test
    void aBusyPortIsRefusedAndNothingStarts() throws IOException {
        RedisFixture.assumeAvailable();
        Path dir = tmp.resolve("busy");
        int base = freeBasePort(3);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), base + 1));
            TribRunner.Result up = trib("sandbox", "up", "--dir", dir.toString(), "--nodes", "3", "--replicas", "0",
                    "--bind", "127.0.0.1", "--base-port", Integer.toString(base));
            assertEquals(ExitCodes.PROBLEMS, up.exitCode(), up.toString());
            assertEquals("[ERR] Port " + (base + 1) + " on 127.0.0.1 is in use.", up.err().trim());
            assertFalse(Files.exists(dir.resolve("sandbox.state")));
        } finally {
            trib("sandbox", "clean", "--dir", dir.toString()); // in case it did start something
        }
    }

    /** A base port whose next n ports and their bus ports are all free. */
    static int freeBasePort(int n) {
        for (int attempt = 0; attempt < 200; attempt++) {
            // Below the fixture's range and, bus ports included, below the ephemeral port range.
            int base = 21000 + ThreadLocalRandom.current().nextInt(0, 170) * 10;
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                ok = free(base + i) && free(base + i + 10000);
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
