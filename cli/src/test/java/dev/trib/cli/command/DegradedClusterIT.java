package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A degraded cluster is the normal case: with a replica dead and flagged fail, reshard, rebalance, add-node, fix
 * and info go ahead with a warning that names the dead node and the command that removes it; only what makes the
 * operation itself unsafe (an open slot among the slots it moves) is refused, in one line that names the fix.
 * Then a master dies: info must not say [OK] until its replica took over, and then counts 3 masters, not 4.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DegradedClusterIT {
    private TestCluster cluster;
    private TestData data;
    private RedisNode deadReplica;
    private String deadReplicaId;
    private String orphanedMasterId;
    private final List<RedisNode> extra = new ArrayList<>();

    @BeforeAll
    void createCluster() {
        RedisFixture.assumeRedisCli();
        cluster = TestCluster.start(6, TestCluster.THREE_HOSTS, "--cluster-node-timeout", "2000")
                .createWithRedisCli(1);
        data = TestData.load(cluster, 5_000, 0);
        deadReplica = cluster.nodes().stream().filter(n -> n.myself().isReplica()).findFirst().orElseThrow();
        deadReplicaId = deadReplica.myId();
        orphanedMasterId = deadReplica.myself().masterId().orElseThrow();
        deadReplica.kill();
        Poll.until(Duration.ofSeconds(60), "the dead replica to be flagged fail", () -> entry().callString(
                "CLUSTER", "NODES").lines().anyMatch(l -> l.startsWith(deadReplicaId) && l.contains("fail")
                && !l.contains("fail?")));
    }

    @AfterAll
    void stop() {
        extra.forEach(RedisNode::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private RedisNode entry() {
        return cluster.nodes().stream().filter(RedisNode::alive).findFirst().orElseThrow();
    }

    private Map<String, Integer> slotCounts() {
        Map<String, Integer> out = new TreeMap<>();
        for (RedisNode n : cluster.nodes()) {
            if (n.alive() && n.myself().isMaster()) {
                out.put(n.myId(), n.myself().slots().size());
            }
        }
        return out;
    }

    private void assertWarnsAboutTheDeadReplica(TribRunner.Result r) {
        String all = r.out() + r.err();
        assertTrue(all.contains("[WARNING] Node " + deadReplica.hostPort()) && all.contains("is unreachable"),
                r.toString());
        assertTrue(all.contains("trib del-node ") && all.contains(deadReplicaId), r.toString());
        assertFalse(all.contains("not healthy"), r.toString());
    }

    @Test
    @Order(1)
    void reshardGoesAheadWithAWarning() {
        Map<String, Integer> before = slotCounts();
        List<String> ids = new ArrayList<>(before.keySet());
        TribRunner.Result r = trib("reshard", entry().hostPort(), "--from", ids.get(0), "--to", ids.get(1),
                "--slots", "100", "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertWarnsAboutTheDeadReplica(r);
        assertEquals(before.get(ids.get(1)) + 100, slotCounts().get(ids.get(1)));
        assertTrue(data.verify(entry()).isEmpty());
    }

    @Test
    @Order(2)
    void rebalanceGoesAheadWithAWarning() {
        TribRunner.Result r = trib("rebalance", entry().hostPort(), "--threshold", "0.1");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertWarnsAboutTheDeadReplica(r);
        int min = slotCounts().values().stream().min(Integer::compare).orElseThrow();
        int max = slotCounts().values().stream().max(Integer::compare).orElseThrow();
        assertTrue(max - min <= 2, slotCounts().toString());
        assertTrue(data.verify(entry()).isEmpty());
    }

    @Test
    @Order(3)
    void anOpenSlotAmongTheMovedOnesIsRefusedInOneLineNamingFix() {
        Map<String, Integer> before = slotCounts();
        List<String> ids = new ArrayList<>(before.keySet());
        RedisNode target = cluster.nodes().stream().filter(n -> n.alive() && n.myId().equals(ids.get(1)))
                .findFirst().orElseThrow();
        RedisNode source = cluster.nodes().stream().filter(n -> n.alive() && n.myId().equals(ids.get(0)))
                .findFirst().orElseThrow();
        // The source's lowest slots are the ones a reshard takes first: open the lowest one by hand.
        int slot = source.myself().slots().ranges().get(0).start();
        assertEquals("OK", target.call("CLUSTER", "SETSLOT", slot, "IMPORTING", ids.get(0)));
        try {
            TribRunner.Result r = trib("reshard", entry().hostPort(), "--from", ids.get(0), "--to", ids.get(1),
                    "--slots", "10", "--yes");
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            List<String> errors = r.err().lines().filter(l -> l.startsWith("[ERR]")).toList();
            assertEquals(1, errors.size(), r.toString());
            assertTrue(errors.get(0).contains("Slots " + slot + " (1) are open") && errors.get(0).contains(
                    "'trib fix " + entry().hostPort() + "'"), r.toString());
            assertEquals(before, slotCounts(), "nothing moved");
        } finally {
            target.call("CLUSTER", "SETSLOT", slot, "STABLE");
        }
    }

    @Test
    @Order(4)
    void addNodeAddsTheReplacementReplica() {
        RedisNode fresh = RedisFixture.start("127.0.0.1", true, "--cluster-node-timeout", "2000");
        extra.add(fresh);
        TribRunner.Result r = trib("add-node", fresh.hostPort(), entry().hostPort(), "--replica", "--master-id",
                orphanedMasterId);
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertWarnsAboutTheDeadReplica(r);
        Poll.until(Duration.ofSeconds(30), "the new node to replicate the orphaned master",
                () -> fresh.myself().masterId().filter(orphanedMasterId::equals).isPresent());
    }

    @Test
    @Order(5)
    void fixNamesTheCommandThatRemovesTheDeadReplica() {
        TribRunner.Result r = trib("fix", entry().hostPort(), "--yes");
        assertWarnsAboutTheDeadReplica(r);
        TribRunner.Result del = trib("del-node", entry().hostPort(), deadReplicaId);
        assertEquals(ExitCodes.OK, del.exitCode(), del.toString());
        assertFalse(entry().callString("CLUSTER", "NODES").contains(deadReplicaId));
    }

    @Test
    @Order(6)
    void infoWithADeadMasterIsNotOkAndAfterTheFailoverCountsOnlyLiveMasters() {
        RedisNode master = cluster.nodes().stream().filter(n -> n.alive() && n.myself().isMaster()
                && !n.myId().equals(orphanedMasterId)).findFirst().orElseThrow();
        String masterId = master.myId();
        // The cluster is seconds old: a replica still in its first sync would never be elected (and holds no
        // keys), which is not what this test is about.
        List<RedisNode> all = new ArrayList<>(cluster.nodes());
        all.addAll(extra);
        TestCluster.awaitReplicasInSync(all);
        master.kill();
        RedisNode other = entry();
        Poll.until(Duration.ofSeconds(30), "the master to be unreachable", () -> {
            TribRunner.Result r = trib("info", other.hostPort());
            return r.out().contains("? keys (unreachable)");
        });
        TribRunner.Result down = trib("info", other.hostPort());
        if (down.out().contains("? keys (unreachable)")) {
            assertEquals(ExitCodes.PROBLEMS, down.exitCode(), down.toString());
            assertFalse(down.out().contains("[OK]"), down.toString());
            assertTrue(down.out().contains("[ERR]") && down.out().contains(master.hostPort()), down.toString());
        }
        Poll.until(Duration.ofSeconds(60), "the replica to take over", () -> NodesParser.parse(other.callString(
                "CLUSTER", "NODES")).node(masterId).map(n -> n.slots().isEmpty() && n.is(NodeFlag.FAIL))
                .orElse(false));
        Poll.until(Duration.ofSeconds(30), "info to settle", () -> trib("info", other.hostPort()).exitCode() == 0);
        TribRunner.Result after = trib("info", other.hostPort());
        assertTrue(after.out().contains("[OK] 5000 keys in 3 masters."), after.toString());
        assertTrue(after.out().contains("[WARNING] Node " + master.hostPort()) && after.out().contains(
                "trib del-node " + other.hostPort() + " " + masterId), after.toString());
    }
}
