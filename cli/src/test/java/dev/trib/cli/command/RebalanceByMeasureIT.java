package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.Resp;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.KeySlot;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib rebalance --by keys|memory} on a cluster where one master holds most keys in a few slots (hash tags):
 * it ends within the threshold by keys, every key intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebalanceByMeasureIT {
    private static final int TAGS = 40;
    private static final int PER_TAG = 400;
    private TestCluster cluster;
    private TestData data;
    private final List<String> tagged = new ArrayList<>();

    @BeforeAll
    void createCluster() throws Exception {
        cluster = TestCluster.sixNodesByRedisCli();
        data = TestData.load(cluster, 5_000, 0);
        // 40 tags whose slots the first master owns, 400 keys each: it holds most of the cluster's keys.
        RedisNode heavy = masters().keySet().iterator().next();
        ClusterNode self = masters().get(heavy);
        Set<Integer> used = new HashSet<>();
        List<String> tags = new ArrayList<>();
        for (int i = 0; tags.size() < TAGS; i++) {
            int slot = KeySlot.of("{t" + i + "}");
            if (self.slots().contains(slot) && used.add(slot)) {
                tags.add("t" + i);
            }
        }
        try (Resp r = new Resp(heavy.ip(), heavy.port(), 10_000)) {
            for (String tag : tags) {
                List<Object[]> sets = new ArrayList<>();
                for (int j = 0; j < PER_TAG; j++) {
                    String key = "{" + tag + "}:" + j;
                    tagged.add(key);
                    sets.add(new Object[] {"SET", key, "v" + j});
                }
                r.pipeline(sets);
            }
        }
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

    /** Masters with slots, each with its own description. */
    private Map<RedisNode, ClusterNode> masters() {
        Map<RedisNode, ClusterNode> out = new LinkedHashMap<>();
        for (RedisNode n : cluster.nodes()) {
            ClusterNode self = NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow();
            if (self.isMaster() && !self.slots().isEmpty()) {
                out.put(n, self);
            }
        }
        return out;
    }

    private Map<String, Long> keysPerMaster() {
        Map<String, Long> out = new LinkedHashMap<>();
        masters().forEach((n, self) -> out.put(n.hostPort(), (Long) n.call("DBSIZE")));
        return out;
    }

    @Test
    @Order(1)
    void dryRunShowsBeforeAndAfterByKeysAndChangesNothing() {
        Map<String, Long> before = keysPerMaster();
        TribRunner.Result r = trib("rebalance", e(), "--by", "keys", "--threshold", "5", "--dry-run");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains(">>> Rebalancing by keys across 3 masters, moving "), r.toString());
        RedisNode heavy = masters().keySet().iterator().next();
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + heavy.hostPort() + " (")
                && l.contains(": " + before.get(heavy.hostPort()) + " -> ")), r.toString());
        assertEquals(before, keysPerMaster());
    }

    @Test
    @Order(2)
    void keysEndWithinTheThresholdAndEveryKeyIsIntact() {
        TribRunner.Result r = trib("rebalance", e(), "--by", "keys", "--threshold", "5");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        Map<String, Long> after = keysPerMaster();
        long total = after.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(5_000 + TAGS * PER_TAG, total);
        for (var e : after.entrySet()) {
            assertTrue(Math.abs(e.getValue() - total / 3.0) <= total / 3.0 * 0.05, e + " of " + after);
        }
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.subList(0, Math.min(5, problems.size())).toString());
        for (String key : tagged.subList(0, tagged.size())) {
            if (key.endsWith(":7")) {
                RedisNode owner = masters().entrySet().stream()
                        .filter(m -> m.getValue().slots().contains(KeySlot.of(key))).findFirst().orElseThrow().getKey();
                assertEquals("v7", owner.call("GET", key), key);
            }
        }
        assertEquals(0, RedisFixture.redisCli("--cluster", "check", e()).exitCode());

        TribRunner.Result again = trib("rebalance", e(), "--by", "keys", "--threshold", "5");
        assertEquals("*** No rebalancing needed! All nodes are within the 5.00% threshold (by keys).",
                again.out().trim(), again.toString());
    }

    @Test
    @Order(3)
    void memoryIsMeasuredBySamplingAndSaysSo() {
        TribRunner.Result r = trib("rebalance", e(), "--by", "memory", "--sample", "5", "--threshold", "50");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals("*** No rebalancing needed! All nodes are within the 50.00% threshold (by memory, estimated "
                + "from up to 5 sampled keys per slot).", r.out().trim(), r.toString());
    }

    @Test
    @Order(4)
    void aSlotThatAloneBreaksTheThresholdIsNamedNotSplit() throws Exception {
        RedisNode node = masters().keySet().iterator().next();
        ClusterNode self = masters().get(node);
        String tag = null;
        for (int i = 1000; tag == null; i++) {
            if (self.slots().contains(KeySlot.of("{h" + i + "}"))) {
                tag = "h" + i;
            }
        }
        try (Resp r = new Resp(node.ip(), node.port(), 10_000)) {
            List<Object[]> sets = new ArrayList<>();
            for (int j = 0; j < 30_000; j++) {
                sets.add(new Object[] {"SET", "{" + tag + "}:" + j, "x"});
            }
            r.pipeline(sets);
        }
        TribRunner.Result r = trib("rebalance", e(), "--by", "keys", "--dry-run");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        int slot = KeySlot.of("{" + tag + "}");
        // 30,000 keys, plus any of the other test keys that share the slot.
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\[WARNING] Slot " + slot + " alone holds 300\\d\\d keys, "
                + "more than node " + self.id() + "'s share within the threshold .*")), r.toString());
    }
}
