package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.commands.migrate.Journal;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib rebalance --plan-out FILE} and {@code --plan FILE} on three real masters holding keys: a saved plan is
 * applied later, and a plan that no longer applies (another cluster, slots moved meanwhile, an unknown version) is
 * refused in one line with nothing moved. Each case reads the cluster as it finds it, so they run in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebalancePlanFileIT {
    private TestCluster cluster;
    private TestData data;

    @TempDir
    Path tmp;

    @BeforeAll
    void createCluster() {
        RedisFixture.assumeRedisCli();
        cluster = TestCluster.start(3, TestCluster.THREE_HOSTS).createWithRedisCli(0);
        data = TestData.load(cluster, 2_000, 0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private String entry() {
        return cluster.node(0).hostPort();
    }

    /** Every master's slots (open marks included) as it describes itself, by id. */
    private Map<String, String> masters() {
        Map<String, String> out = new TreeMap<>();
        for (RedisNode n : cluster.nodes()) {
            ClusterNode self = NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow();
            if (self.isMaster()) {
                out.put(self.id(), self.slots() + " " + self.migrating() + " " + self.importing());
            }
        }
        return out;
    }

    private SlotSet slotsOf(String id) {
        return cluster.nodes().stream().map(n -> NodesParser.parse(n.callString("CLUSTER", "NODES")).myself()
                .orElseThrow()).filter(self -> self.id().equals(id)).findFirst().orElseThrow().slots();
    }

    private static List<String> errors(TribRunner.Result r) {
        return r.err().lines().filter(l -> l.startsWith("[ERR]")).toList();
    }

    @Test
    void aPlanWrittenWithPlanOutIsAppliedLater() throws Exception {
        Map<String, String> before = masters();
        String heavy = before.keySet().iterator().next();
        int heavySlots = slotsOf(heavy).size();
        Path plan = tmp.resolve("rebalance-plan.json");
        TribRunner.Result out = trib("rebalance", entry(), "--weight", heavy.substring(0, 10) + "=1.2",
                "--plan-out", plan.toString(), "--json");
        assertEquals(ExitCodes.OK, out.exitCode(), out.toString());
        JsonNode doc = new ObjectMapper().readTree(out.out());
        assertEquals(plan.toString(), doc.get("planFile").asText(), out.toString());
        assertEquals(false, doc.get("changed").asBoolean(), out.toString());
        int planned = doc.get("plan").get("slotCount").asInt();
        assertTrue(planned > 0, out.toString());
        assertEquals(before, masters(), "--plan-out moves nothing");
        Journal saved = Journal.load(plan);
        assertEquals("rebalance-plan", saved.kind());
        assertEquals(planned, saved.moves().size());

        TribRunner.Result apply = trib("rebalance", entry(), "--plan", plan.toString(),
                "--journal", tmp.resolve("applied.json").toString());
        assertEquals(ExitCodes.OK, apply.exitCode(), apply.toString());
        Map<String, String> after = masters();
        for (SlotMove m : saved.moves()) {
            assertTrue(slotsOf(m.targetId()).contains(m.slot()), "slot " + m.slot() + " moved as planned");
        }
        assertEquals(heavySlots + planned, slotsOf(heavy).size(), after.toString());
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.subList(0, Math.min(5, problems.size())).toString());
        assertEquals(0, RedisFixture.redisCli("--cluster", "check", entry()).exitCode());

        // Applied once, the same plan no longer applies: its slots are owned by their targets now.
        TribRunner.Result again = trib("rebalance", entry(), "--plan", plan.toString());
        assertEquals(ExitCodes.PROBLEMS, again.exitCode(), again.toString());
        assertEquals(1, errors(again).size(), again.toString());
        assertTrue(errors(again).get(0).startsWith("[ERR] Plan " + plan + " no longer applies: " + planned
                + " of its slots"), again.toString());
        assertEquals(after, masters(), "nothing moved");
    }

    @Test
    void aPlanWhoseSlotsMovedMeanwhileIsRefusedInOneLine() {
        Map<String, String> before = masters();
        List<String> ids = new ArrayList<>(before.keySet());
        // Slot of the first master, planned as if the second still owned it.
        int slot = slotsOf(ids.get(0)).ranges().get(0).start();
        Path plan = tmp.resolve("stale.json");
        Journal.create(plan, "rebalance-plan", entry(), List.of(new SlotMove(slot, ids.get(1), ids.get(2))), ids,
                MigrationOptions.defaults());
        TribRunner.Result r = trib("rebalance", entry(), "--plan", plan.toString());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertEquals(List.of("[ERR] Plan " + plan + " no longer applies: 1 of its slots (first " + slot + ") are no "
                + "longer owned by the master it moves them from (" + ids.get(1) + "); nothing was moved, make a new "
                + "plan."), errors(r), r.toString());
        assertEquals(before, masters(), "nothing moved");
    }

    @Test
    void aPlanOfAnotherClusterIsRefusedInOneLine() {
        Map<String, String> before = masters();
        Path plan = tmp.resolve("other.json");
        Journal.create(plan, "rebalance-plan", "10.0.0.9:7000", List.of(new SlotMove(5, "a".repeat(40),
                "b".repeat(40))), List.of("a".repeat(40), "b".repeat(40)), MigrationOptions.defaults());
        TribRunner.Result r = trib("rebalance", entry(), "--plan", plan.toString());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertEquals(1, errors(r).size(), r.toString());
        assertTrue(errors(r).get(0).startsWith("[ERR] Plan " + plan + " was made for another cluster (the one at "
                + "10.0.0.9:7000)"), r.toString());
        assertEquals(before, masters(), "nothing moved");
    }

    @Test
    void aPlanOfAnUnknownVersionIsRefusedInOneLine() throws Exception {
        Map<String, String> before = masters();
        Path future = tmp.resolve("future.json");
        Files.writeString(future, "{\"version\": 99, \"kind\": \"rebalance-plan\", \"moves\": [], \"shards\": {}}");
        TribRunner.Result r = trib("rebalance", entry(), "--plan", future.toString());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertEquals(List.of("[ERR] Journal " + future + " has format version 99; this trib reads version "
                + Journal.VERSION + " only."), errors(r), r.toString());
        assertEquals(before, masters(), "nothing moved");
    }

    @Test
    void planAndPlanOutTogetherAreAUsageError() {
        TribRunner.Result r = trib("rebalance", entry(), "--plan", tmp.resolve("a.json").toString(), "--plan-out",
                tmp.resolve("b.json").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    }
}
