package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trib rebalance} on a real cluster with keys: no-op, drain by weight 0, fill an empty master. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebalanceCommandIT {
    private TestCluster cluster;
    private RedisNode spare;
    private TestData data;

    @TempDir
    Path tmp;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        data = TestData.load(cluster, 20_000, 0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (spare != null) {
            spare.close();
        }
    }

    private RedisNode entry() {
        return cluster.node(0);
    }

    private Map<String, Integer> masterSlots() {
        Map<String, Integer> out = new TreeMap<>();
        List<RedisNode> all = new ArrayList<>(cluster.nodes());
        if (spare != null) {
            all.add(spare);
        }
        for (RedisNode n : all) {
            ClusterNode self = NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow();
            if (self.isMaster()) {
                out.put(self.id(), self.slots().size());
            }
        }
        return out;
    }

    private void assertIntactAndHealthy() {
        List<String> problems = data.verify(entry());
        assertTrue(problems.isEmpty(), problems.size() + " keys wrong, e.g. "
                + problems.subList(0, Math.min(5, problems.size())));
        RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", entry().hostPort());
        assertEquals(0, check.exitCode(), check.output());
    }

    @Test
    @Order(1)
    void aBalancedClusterNeedsNothing() {
        Map<String, Integer> before = masterSlots();
        TribRunner.Result r = trib("rebalance", entry().hostPort());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals("*** No rebalancing needed! All nodes are within the 2.00% threshold.", r.out().trim());
        assertEquals(before, masterSlots());
    }

    @Test
    @Order(2)
    void weightZeroDrainsAMasterCompletely() {
        String drained = masterSlots().keySet().iterator().next();
        TribRunner.Result sim = trib("rebalance", entry().hostPort(), "--weight", drained.substring(0, 10) + "=0",
                "--simulate");
        assertEquals(ExitCodes.OK, sim.exitCode(), sim.toString());
        assertTrue(sim.out().contains("weight 0: ") && sim.out().contains(" -> 0 slots"), sim.toString());
        assertEquals(3, masterSlots().size(), "simulate changed nothing");

        TribRunner.Result r = trib("rebalance", entry().hostPort(), "--weight", drained.substring(0, 10) + "=0",
                "--journal", tmp.resolve("drain.json").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        Map<String, Integer> after = masterSlots();
        assertTrue(!after.containsKey(drained) || after.get(drained) == 0,
                "the drained master keeps slots: " + after);
        assertEquals(16384, after.values().stream().mapToInt(Integer::intValue).sum());
        for (var e : after.entrySet()) {
            if (!e.getKey().equals(drained)) {
                assertTrue(Math.abs(e.getValue() - 8192) <= 1, after.toString());
            }
        }
        assertIntactAndHealthy();
    }

    @Test
    @Order(3)
    void useEmptyMastersFillsANewMaster() {
        spare = RedisFixture.start("127.0.0.3", true);
        entry().call("CLUSTER", "MEET", spare.ip(), spare.port());
        Poll.until(Duration.ofSeconds(15), "the new master to be known everywhere", () -> cluster.nodes().stream()
                .allMatch(n -> NodesParser.parse(n.callString("CLUSTER", "NODES")).node(spare.myId())
                        .filter(x -> !x.is(dev.trib.planner.topology.NodeFlag.HANDSHAKE)).isPresent()));
        // A node that just joined reports cluster_state:fail until Redis's rejoin delay passes; trib refuses
        // to move slots while any node does.
        Poll.until(Duration.ofSeconds(15), "the new master to report ok", () -> "ok".equals(
                spare.clusterInfo("cluster_state")));
        TribRunner.Result without = trib("rebalance", entry().hostPort());
        assertEquals(ExitCodes.OK, without.exitCode(), without.toString());
        assertEquals(0, masterSlots().get(spare.myId()), "an empty master takes part only when asked");
        assertTrue(without.out().contains("[WARNING] Master " + spare.hostPort() + " (" + spare.myId().substring(0, 8)
                + ") holds no slots and was left out: add --use-empty-masters to give it its share."),
                "the no-op names the empty master and the option that includes it: " + without);

        TribRunner.Result r = trib("rebalance", entry().hostPort(), "--use-empty-masters", "--journal",
                tmp.resolve("fill.json").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        Map<String, Integer> after = masterSlots();
        int withSlots = (int) after.values().stream().filter(v -> v > 0).count();
        for (int v : after.values()) {
            if (v > 0) {
                assertTrue(Math.abs(v - 16384 / withSlots) <= 1, after.toString());
            }
        }
        assertTrue(after.get(spare.myId()) > 0, after.toString());
        assertIntactAndHealthy();
    }

    @Test
    @Order(4)
    void anUnknownWeightIdIsRefused() {
        Map<String, Integer> before = masterSlots();
        TribRunner.Result r = trib("rebalance", entry().hostPort(), "--weight", "ffffffff=2");
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertEquals("[ERR] No master with ID ffffffff in the cluster.", r.err().trim());
        assertEquals(before, masterSlots());
    }
}
