package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.KeySlot;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trib consistency-test}, as the Redis tutorial uses consistency-test.rb: during a reshard, and a SET. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsistencyTestCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestCluster cluster;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        TestData.load(cluster, 20_000, 0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private String e() {
        return cluster.node(0).hostPort();
    }

    /** Runs consistency-test in the background; the result once it ends. */
    private static Thread background(AtomicReference<TribRunner.Result> result, String... args) {
        Thread t = new Thread(() -> result.set(trib(args)));
        t.start();
        return t;
    }

    private RedisNode owner(String key) {
        int slot = KeySlot.of(key);
        return cluster.nodes().stream().filter(n -> NodesParser.parse(n.callString("CLUSTER", "NODES"))
                .myself().orElseThrow().slots().contains(slot)).findFirst().orElseThrow();
    }

    @Test
    void noWriteIsLostWhileAReshardRuns() throws Exception {
        List<ClusterNode> masters = NodesParser.parse(cluster.node(0).callString("CLUSTER", "NODES")).masters()
                .stream().filter(m -> !m.slots().isEmpty()).toList();
        AtomicReference<TribRunner.Result> result = new AtomicReference<>();
        // Long enough for lettuce's start (class loading, topology discovery: seconds on a loaded machine) and a
        // 3000-slot reshard after it.
        Thread test = background(result, "consistency-test", e(), "--duration", "15", "--keys", "200",
                "--prefix", "during-reshard:", "--json");
        // The counters are being written before the slots move.
        RedisNode first = owner("during-reshard:0");
        Poll.until(Duration.ofSeconds(10), "counters written", () -> first.call("GET", "during-reshard:0") != null);
        TribRunner.Result reshard = trib("reshard", e(), "--from", "all", "--to", masters.get(0).id(),
                "--slots", "3000", "--yes", "-q");
        assertEquals(ExitCodes.OK, reshard.exitCode(), reshard.toString());
        assertTrue(test.isAlive(), "the test was still running when the reshard ended");
        test.join(30_000);
        TribRunner.Result r = result.get();
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(0, doc.get("lost").asLong(), r.out());
        assertEquals(0, doc.get("unexpected").asLong(), r.out());
        assertEquals(0, doc.get("writeErrors").asLong(), r.out());
        assertTrue(doc.get("writes").asLong() > 1000, r.out());
        assertTrue(r.err().lines().anyMatch(l -> l.matches("\\d+ R \\(0 err\\) \\| \\d+ W \\(0 err\\) \\| 0 lost \\| "
                + "0 unexpected")), r.err());
    }

    @Test
    void aCounterSetByHandIsReportedLost() throws Exception {
        AtomicReference<TribRunner.Result> result = new AtomicReference<>();
        Thread test = background(result, "consistency-test", e(), "--duration", "4", "--keys", "5",
                "--prefix", "set-by-hand:");
        String key = "set-by-hand:3";
        RedisNode owner = owner(key);
        Poll.until(Duration.ofSeconds(10), "the counter to pass 100", () -> {
            Object v = owner.call("GET", key);
            return v instanceof String s && Long.parseLong(s) > 100;
        });
        assertEquals("OK", owner.call("SET", key, "0"));
        test.join(30_000);
        TribRunner.Result r = result.get();
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[ERR] Lost "), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\[ERR] \\d+ acknowledged write\\(s\\) lost, 0 unexpected "
                + "increment\\(s\\)\\.")), r.toString());
    }

    @Test
    void theRateCapsWrites() throws Exception {
        TribRunner.Result r = trib("consistency-test", e(), "--duration", "2", "--keys", "10", "--rate", "200",
                "--prefix", "rated:", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        long writes = JSON.readTree(r.out()).get("writes").asLong();
        assertTrue(writes >= 300 && writes <= 410, "about 2 s x 200/s: " + writes);
    }
}
