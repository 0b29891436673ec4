package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.NodesParser;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib reshard} on a real 3-master cluster holding 100,000 keys of every type (TTLs, hash tags, a 3 MB
 * key). Tests share the cluster and run in order; each leaves it healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReshardCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestCluster cluster;
    private TestData data;

    @TempDir
    Path tmp;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        data = TestData.load(cluster, 100_000, 3 * 1024 * 1024);
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

    /** Masters as each describes itself: id -> slot count. */
    private Map<String, Integer> slotCounts() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (RedisNode n : cluster.nodes()) {
            if (!n.alive()) {
                continue;
            }
            ClusterNode self = NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow();
            if (self.isMaster()) {
                out.put(self.id(), self.slots().size());
            }
        }
        return out;
    }

    private void assertHealthyAndIntact() {
        List<String> problems = data.verify(entry());
        assertTrue(problems.isEmpty(), problems.size() + " keys wrong, e.g. " + problems.subList(0,
                Math.min(5, problems.size())));
        RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", entry().hostPort());
        assertEquals(0, check.exitCode(), check.output());
        assertEquals(ExitCodes.OK, trib("check", entry().hostPort()).exitCode());
    }

    private String target() {
        return slotCounts().keySet().iterator().next();
    }

    @Test
    @Order(1)
    void movesSlotsFromAllMastersWithEveryKeyIntact() throws Exception {
        String to = target();
        Map<String, Integer> before = slotCounts();
        Path journal = tmp.resolve("all.json");
        TribRunner.Result r = trib("reshard", entry().hostPort(), "--from", "all", "--to", to, "--slots", "3000",
                "--yes", "--journal", journal.toString(), "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals(3000, summary.get("slotsMoved").asInt());
        assertTrue(summary.get("keysMoved").asLong() > 10_000, r.out());
        assertEquals(before.get(to) + 3000, slotCounts().get(to));
        JsonNode j = JSON.readTree(journal.toFile());
        assertTrue(j.get("finished").asBoolean());
        assertEquals(3000, j.get("done").size());
        assertHealthyAndIntact();
    }

    @Test
    @Order(2)
    void movesFromOneSourceGivenByIdPrefixWhileClientsWrite() throws Exception {
        Map<String, Integer> before = slotCounts();
        List<String> ids = new ArrayList<>(before.keySet());
        String from = ids.get(1);
        String to = ids.get(2);
        RedisClusterClient client = RedisClusterClient.create(RedisURI.create(entry().ip(), entry().port()));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong lost = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        Thread writer = new Thread(() -> {
            // consistency-test.rb's idea: INCR counters, remember what each must hold, read it back.
            try (StatefulRedisClusterConnection<String, String> c = client.connect()) {
                long[] expected = new long[200];
                java.util.Random random = new java.util.Random(7);
                while (running.get()) {
                    int i = random.nextInt(expected.length);
                    String key = "counter:" + i;
                    try {
                        long v = c.sync().incr(key);
                        expected[i]++;
                        writes.incrementAndGet();
                        if (v != expected[i]) {
                            lost.incrementAndGet();
                            expected[i] = v;
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                }
            }
        });
        writer.start();
        try {
            Poll.until(Duration.ofSeconds(10), "the writer to start", () -> writes.get() > 100);
            TribRunner.Result r = trib("reshard", entry().hostPort(), "--from", from.substring(0, 8), "--to",
                    to.substring(0, 8), "--slots", "1500", "--yes", "--journal", tmp.resolve("one.json").toString());
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            long writesDuring = writes.get();
            Poll.until(Duration.ofSeconds(10), "more writes after the reshard", () -> writes.get() > writesDuring + 100);
        } finally {
            running.set(false);
            writer.join(10_000);
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
        assertEquals(0, lost.get(), "lost or unexpected counter values");
        assertEquals(0, errors.get(), "client errors during the reshard");
        assertEquals(before.get(from) - 1500, slotCounts().get(from));
        assertEquals(before.get(to) + 1500, slotCounts().get(to));
        assertHealthyAndIntact();
    }

    @Test
    @Order(3)
    void dryRunPrintsEverySlotAndChangesNothing() {
        Map<String, Integer> before = slotCounts();
        List<String> ids = new ArrayList<>(before.keySet());
        TribRunner.Result r = trib("reshard", entry().hostPort(), "--from", ids.get(0) + "," + ids.get(1), "--to",
                ids.get(2), "--slots", "10", "--dry-run");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        List<String> moves = r.outLines().stream().filter(l -> l.startsWith("Moving slot ")).toList();
        assertEquals(10, moves.size(), r.toString());
        assertTrue(moves.stream().allMatch(l -> l.endsWith(" to " + ids.get(2))), r.toString());
        assertEquals(before, slotCounts());
    }

    @Test
    @Order(4)
    void interactiveAnswersWithIdPrefixAndAll() {
        Map<String, Integer> before = slotCounts();
        String to = new ArrayList<>(before.keySet()).get(0);
        TribRunner.Result r = new TribRunner().answers("12", to.substring(0, 6), "all", "yes")
                .run("reshard", entry().hostPort(), "--journal", tmp.resolve("interactive.json").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals(List.of("How many slots do you want to move (from 1 to 16384)? ",
                "What is the receiving node ID? ", "Source node #1: ",
                "Do you want to proceed with the proposed reshard plan? (type 'yes' to accept): "), r.prompts());
        assertEquals(before.get(to) + 12, slotCounts().get(to));
    }

    @Test
    @Order(5)
    void badInputsAreRefusedAndNothingMoves() {
        Map<String, Integer> before = slotCounts();
        List<String> ids = new ArrayList<>(before.keySet());
        String e = entry().hostPort();
        TribRunner.Result unknown = trib("reshard", e, "--from", "all", "--to", "ffffffff", "--slots", "5", "--yes");
        assertEquals(ExitCodes.PROBLEMS, unknown.exitCode(), unknown.toString());
        assertEquals("[ERR] No master with ID ffffffff in the cluster.", unknown.err().trim());
        // A slot count outside 1..16384 is a usage error, found before any node is asked.
        TribRunner.Result zero = trib("reshard", e, "--from", "all", "--to", ids.get(0), "--slots", "0", "--yes");
        assertEquals(ExitCodes.USAGE, zero.exitCode(), zero.toString());
        TribRunner.Result tooMany = trib("reshard", e, "--from", ids.get(1), "--to", ids.get(0), "--slots", "20000",
                "--yes");
        assertEquals(ExitCodes.USAGE, tooMany.exitCode(), tooMany.toString());
        assertTrue(tooMany.err().startsWith("[ERR] --slots must be from 1 to 16384, not 20000\n"), tooMany.toString());
        TribRunner.Result noHost = trib("reshard", "--from", "all", "--to", ids.get(0), "--slots", "5", "--yes");
        assertEquals(ExitCodes.USAGE, noHost.exitCode(), noHost.toString());
        TribRunner.Result no = new TribRunner().answers("no").run("reshard", e, "--from", "all", "--to", ids.get(0),
                "--slots", "5");
        assertEquals(ExitCodes.PROBLEMS, no.exitCode(), no.toString());
        assertTrue(no.err().contains("Aborted: no slot was moved."), no.toString());
        assertEquals(before, slotCounts());
    }

    @Test
    @Order(6)
    void anOpenSlotIsRefusedWithAPointerToFix() {
        List<String> ids = new ArrayList<>(slotCounts().keySet());
        RedisNode n = entry();
        ClusterNode self = NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow();
        int slot = self.slots().ranges().get(0).start();
        String other = ids.stream().filter(i -> !i.equals(self.id())).findFirst().orElseThrow();
        n.call("CLUSTER", "SETSLOT", slot, "MIGRATING", other);
        try {
            TribRunner.Result r = trib("reshard", n.hostPort(), "--from", "all", "--to", other, "--slots", "5", "--yes");
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            // One line: what is unsafe for this reshard, and what repairs it.
            assertEquals(List.of("[ERR] Slots " + slot + " (1) are open (migrating/importing) where this reshard "
                    + "works: run 'trib fix " + n.hostPort() + "' to close them (or 'trib reshard --resume' to "
                    + "finish an interrupted run)."), r.err().lines().filter(l -> l.startsWith("[ERR]")).toList(),
                    r.toString());
        } finally {
            n.call("CLUSTER", "SETSLOT", slot, "STABLE");
        }
    }

    @Test
    @Order(10)
    void aPlanWrittenWithPlanOutIsAppliedLater() {
        Map<String, Integer> before = slotCounts();
        List<String> ids = new ArrayList<>(before.keySet());
        Path plan = tmp.resolve("plan.json");
        TribRunner.Result out = trib("reshard", entry().hostPort(), "--from", ids.get(0), "--to", ids.get(1),
                "--slots", "25", "--plan-out", plan.toString());
        assertEquals(ExitCodes.OK, out.exitCode(), out.toString());
        assertTrue(Files.exists(plan), out.toString());
        assertEquals(before, slotCounts(), "--plan-out moves nothing");
        TribRunner.Result apply = trib("reshard", entry().hostPort(), "--plan", plan.toString(), "--yes",
                "--journal", tmp.resolve("applied.json").toString());
        assertEquals(ExitCodes.OK, apply.exitCode(), apply.toString());
        assertEquals(before.get(ids.get(0)) - 25, slotCounts().get(ids.get(0)));
        assertEquals(before.get(ids.get(1)) + 25, slotCounts().get(ids.get(1)));
        assertHealthyAndIntact();
    }

    @Test
    @Order(9)
    void ctrlCClosesTheRoundInFlightAndSaysHowToResume() throws Exception {
        Map<String, Integer> before = slotCounts();
        String from = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String to = before.keySet().stream().filter(id -> !id.equals(from)).findFirst().orElseThrow();
        Path journal = tmp.resolve("ctrl-c.json");
        Path log = tmp.resolve("ctrl-c.log");
        // env --default-signal=INT: a build started in the background (nohup, &) passes SIGINT down as ignored,
        // and a JVM that starts with it ignored never sees Ctrl-C.
        Process p = new ProcessBuilder("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.trib.cli.Main",
                // One key per MIGRATE: slow enough to be interrupted mid-run however fast the engine gets.
                "reshard", entry().hostPort(), "--from", from, "--to", to, "--slots", "2000", "--yes",
                "--pipeline", "1", "--parallel", "1", "--journal", journal.toString(), "-q")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Interrupt while a round is in flight: the source shows slots migrating.
        RedisNode source = cluster.nodes().stream().filter(n -> n.myId().equals(from)).findFirst().orElseThrow();
        Poll.until(Duration.ofSeconds(60), "a round in flight", () -> !p.isAlive()
                || source.callString("CLUSTER", "NODES").contains("->-"));
        assertTrue(p.isAlive(), "the run ended before Ctrl-C: " + Files.readString(log));
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "trib did not stop after Ctrl-C");
        String out = Files.readString(log);
        assertTrue(p.exitValue() != 0, out);
        assertTrue(out.contains("Interrupted after ") && out.contains("every slot is closed")
                && out.contains("trib reshard --resume --journal " + journal), out);
        assertTrue(JSON.readTree(journal.toFile()).get("done").size() < 2000, out);
        // Closed means closed: no slot is left importing or migrating.
        TribRunner.Result check = trib("check", entry().hostPort());
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
        TribRunner.Result resumed = trib("reshard", "--resume", "--journal", journal.toString());
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString());
        assertEquals(before.get(to) + 2000, slotCounts().get(to));
        assertHealthyAndIntact();
    }

    @Test
    @Order(8)
    void aPausedSourceGivesAClearErrorAndAResumableJournal() throws Exception {
        Map<String, Integer> before = slotCounts();
        String from = before.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String to = before.keySet().stream().filter(id -> !id.equals(from)).findFirst().orElseThrow();
        RedisNode source = cluster.nodes().stream().filter(n -> n.myId().equals(from)).findFirst().orElseThrow();
        Path journal = tmp.resolve("paused.json");
        java.util.concurrent.atomic.AtomicReference<TribRunner.Result> result = new java.util.concurrent.atomic
                .AtomicReference<>();
        Thread run = new Thread(() -> result.set(trib("reshard", entry().hostPort(), "--from", from, "--to", to,
                "--slots", "2000", "--yes", "--pipeline", "5", "--parallel", "1", "--command-timeout", "2000",
                "--journal", journal.toString())));
        run.start();
        try {
            Poll.until(Duration.ofSeconds(60), "the run to record some progress", () -> {
                if (!run.isAlive()) {
                    return true;
                }
                try {
                    return Files.exists(journal) && JSON.readTree(journal.toFile()).get("done").size() > 0;
                } catch (Exception partial) {
                    return false;
                }
            });
            assertTrue(run.isAlive(), "the run ended before the pause: " + result.get());
            source.pause();
            run.join(60_000);
        } finally {
            source.resume();
        }
        TribRunner.Result r = result.get();
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), String.valueOf(r));
        assertTrue(r.err().contains(source.hostPort()) && r.err().contains("no reply in time"), r.toString());
        assertTrue(r.err().contains("trib reshard --resume --journal " + journal), r.toString());
        TribRunner.Result resumed = trib("reshard", "--resume", "--journal", journal.toString(), "--yes");
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString());
        assertEquals(before.get(to) + 2000, slotCounts().get(to));
        assertHealthyAndIntact();
    }

    @Test
    @Order(7)
    void aKilledRunIsFinishedWithResume() throws Exception {
        Map<String, Integer> before = slotCounts();
        List<String> ids = new ArrayList<>(before.keySet());
        String to = ids.get(0);
        Path journal = tmp.resolve("killed.json");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.trib.cli.Main",
                "reshard", entry().hostPort(), "--from", "all", "--to", to, "--slots", "2000", "--yes",
                "--pipeline", "10", "--parallel", "1", "--journal", journal.toString(), "-q"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("killed.log").toFile()).start();
        try {
            Poll.until(Duration.ofSeconds(60), "the run to record some progress", () -> {
                if (!Files.exists(journal)) {
                    return false;
                }
                try {
                    return JSON.readTree(journal.toFile()).get("done").size() > 0;
                } catch (Exception partial) {
                    return false;
                }
            });
        } finally {
            p.destroyForcibly(); // kill -9: no chance to close anything
            p.waitFor(10, TimeUnit.SECONDS);
        }
        JsonNode j = JSON.readTree(journal.toFile());
        assertTrue(j.get("done").size() < 2000, "killed too late to test anything: " + j.get("done").size());
        TribRunner.Result resumed = trib("reshard", "--resume", "--journal", journal.toString(), "--yes");
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.toString() + "\n" + Files.readString(
                tmp.resolve("killed.log")));
        assertEquals(before.get(to) + 2000, slotCounts().get(to));
        assertHealthyAndIntact();
        TribRunner.Result again = trib("reshard", "--resume", "--journal", journal.toString());
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
        assertTrue(again.out().contains("is finished: nothing to resume"), again.toString());
    }

}
