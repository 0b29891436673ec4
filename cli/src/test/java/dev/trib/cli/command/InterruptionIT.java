package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C on every path stops at a safe point, says how to go on and exits 130: the interactive reshard (on a real
 * terminal, where jline used to put SIGINT back to the OS default and trib died with 512 slots open), fix and
 * import. SIGINT is sent to a trib JVM, as a terminal would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InterruptionIT {
    private TestCluster cluster;
    private TestData data;

    @TempDir
    Path tmp;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        data = TestData.load(cluster, 60_000, 0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private RedisNode entry() {
        return cluster.node(0);
    }

    private Map<String, Integer> slotCounts() {
        Map<String, Integer> out = new TreeMap<>();
        for (RedisNode n : cluster.nodes()) {
            if (n.myself().isMaster()) {
                out.put(n.myId(), n.myself().slots().size());
            }
        }
        return out;
    }

    private long clusterKeys() {
        long sum = 0;
        for (RedisNode n : cluster.nodes()) {
            if (n.myself().isMaster()) {
                sum += Long.parseLong(n.call("DBSIZE").toString());
            }
        }
        return sum;
    }

    private RedisNode byId(String id) {
        return cluster.nodes().stream().filter(n -> n.myId().equals(id)).findFirst().orElseThrow();
    }

    /** The JVM that runs trib under the process (script, env), to send it what a terminal's Ctrl-C sends. */
    private static long tribPid(Process p) {
        long[] pid = {-1};
        Poll.until(Duration.ofSeconds(30), "trib's JVM to start", () -> {
            p.descendants().filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
                    .findFirst().ifPresent(h -> pid[0] = h.pid());
            return pid[0] > 0;
        });
        return pid[0];
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.trib.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void ctrlC(long pid) throws Exception {
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
    }

    private void assertNoOpenSlot() {
        for (RedisNode n : cluster.nodes()) {
            assertTrue(!n.myself().hasOpenSlots(), n.hostPort() + " has open slots: " + n.callString("CLUSTER", "NODES"));
        }
    }

    @Test
    @Order(1)
    void ctrlCAfterTheInteractiveQuestionsClosesTheRoundAndSaysHowToResume() throws Exception {
        Map<String, Integer> before = slotCounts();
        String from = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String to = before.keySet().stream().filter(id -> !id.equals(from)).findFirst().orElseThrow();
        Path journal = tmp.resolve("interactive.json");
        Path log = tmp.resolve("interactive.log");
        // script gives trib a real terminal, so the questions go through jline as for a user at a keyboard.
        String command = String.join(" ", java("reshard", entry().hostPort(), "--pipeline", "1", "--parallel", "1",
                "--journal", journal.toString()));
        ProcessBuilder pb = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("TERM", "xterm");
        Process p = pb.start();
        try (OutputStream keyboard = p.getOutputStream()) {
            keyboard.write(("2000\n" + to + "\n" + from + "\ndone\nyes\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            RedisNode source = byId(from);
            Poll.until(Duration.ofSeconds(90), "a round in flight", () -> !p.isAlive()
                    || source.callString("CLUSTER", "NODES").contains("->-"));
            assertTrue(p.isAlive(), "the run ended before Ctrl-C (exit " + (p.isAlive() ? "-" : p.exitValue())
                    + "): " + Files.readString(log));
            ctrlC(tribPid(p));
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "trib did not stop after Ctrl-C: " + Files.readString(log));
        }
        String out = Files.readString(log);
        assertEquals(ExitCodes.INTERRUPTED, p.exitValue(), out);
        assertTrue(out.contains("Interrupted after ") && out.contains("every slot is closed")
                && out.contains("trib reshard --resume --journal " + journal), out);
        assertNoOpenSlot();
        TribRunner.Result resumed = trib("reshard", "--resume", "--journal", journal.toString());
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString());
        assertEquals(before.get(to) + 2000, slotCounts().get(to));
        assertTrue(data.verify(entry()).isEmpty());
    }

    @Test
    @Order(2)
    void ctrlCDuringFixEndsTheRepairInFlightAndSaysToRunItAgain() throws Exception {
        // Many open slots with keys: one reshard's worth of half-done moves, as a kill -9 leaves them.
        Map<String, Integer> before = slotCounts();
        String from = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String to = before.keySet().stream().filter(id -> !id.equals(from)).findFirst().orElseThrow();
        RedisNode source = byId(from);
        RedisNode target = byId(to);
        List<Integer> slots = source.myself().slots().stream().limit(1500).boxed().toList();
        for (int slot : slots) {
            target.call("CLUSTER", "SETSLOT", slot, "IMPORTING", from);
            source.call("CLUSTER", "SETSLOT", slot, "MIGRATING", to);
        }
        Path log = tmp.resolve("fix.log");
        Process p = new ProcessBuilder(java("fix", entry().hostPort(), "--yes", "--pipeline", "1", "--parallel",
                "1")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Poll.until(Duration.ofSeconds(90), "some repairs done", () -> !p.isAlive()
                || source.myself().migrating().size() < slots.size() - 50);
        assertTrue(p.isAlive(), "fix ended before Ctrl-C: " + Files.readString(log));
        ctrlC(p.pid());
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "fix did not stop after Ctrl-C");
        String out = Files.readString(log);
        assertEquals(ExitCodes.INTERRUPTED, p.exitValue(), out);
        assertTrue(out.contains("[ERR] Interrupted after ") && out.contains("Finish with: trib fix "
                + entry().hostPort()), out);
        // Every slot is either moved or still open as it was: none half-moved, none lost.
        int open = source.myself().migrating().size();
        assertTrue(open > 0 && open < slots.size(), "open after the interruption: " + open);
        TribRunner.Result again = trib("fix", entry().hostPort(), "--yes");
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
        assertNoOpenSlot();
        assertTrue(data.verify(entry()).isEmpty());
    }

    @Test
    @Order(3)
    void ctrlCDuringImportStopsBetweenBatchesAndTheSameImportFinishesIt() throws Exception {
        RedisNode standalone = RedisFixture.start("127.0.0.1", false, "--enable-debug-command", "yes");
        try {
            // Names of their own ("imp:0" ...): none collides with the cluster's keys.
            standalone.call("DEBUG", "POPULATE", "100000", "imp");
            long before = clusterKeys();
            Path log = tmp.resolve("import.log");
            Process p = new ProcessBuilder(java("import", entry().hostPort(), "--from", standalone.hostPort()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Poll.until(Duration.ofSeconds(90), "some keys imported", () -> !p.isAlive()
                    || Long.parseLong(standalone.call("DBSIZE").toString()) < 95_000);
            assertTrue(p.isAlive(), "import ended before Ctrl-C: " + Files.readString(log));
            ctrlC(p.pid());
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "import did not stop after Ctrl-C");
            String out = Files.readString(log);
            assertEquals(ExitCodes.INTERRUPTED, p.exitValue(), out);
            assertTrue(out.contains("[ERR] Interrupted after ") && out.contains("Finish with the same import"), out);
            long left = Long.parseLong(standalone.call("DBSIZE").toString());
            assertTrue(left > 0, "nothing left to import: interrupted too late");
            TribRunner.Result rest = trib("import", entry().hostPort(), "--from", standalone.hostPort());
            assertEquals(ExitCodes.OK, rest.exitCode(), rest.toString());
            assertEquals(0L, Long.parseLong(standalone.call("DBSIZE").toString()));
            assertEquals(before + 100_000, clusterKeys(), "every key imported once, none lost");
        } finally {
            standalone.close();
        }
    }
}
