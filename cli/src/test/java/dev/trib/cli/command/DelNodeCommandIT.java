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
import dev.trib.planner.topology.ClusterView;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib del-node} on a 3-master, 3-replica cluster with keys: a replica, a master emptied by reshard, a master
 * with a replica to move, a node killed with kill -9, and refusals that change nothing. Tests run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DelNodeCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestCluster cluster;
    private TestData data;
    private final List<RedisNode> members = new ArrayList<>();
    private final List<RedisNode> spares = new ArrayList<>();
    /** The master whose replica the first test removes: the reshard test leaves it alone. */
    private String orphanedMaster;

    @TempDir
    Path tmp;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        members.addAll(cluster.nodes());
        data = TestData.load(cluster, 2_000, 0);
    }

    @AfterAll
    void stop() {
        spares.forEach(RedisNode::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private RedisNode entry() {
        return cluster.node(0);
    }

    private ClusterView view() {
        return NodesParser.parse(entry().callString("CLUSTER", "NODES"));
    }

    private RedisNode member(String id) {
        return members.stream().filter(n -> n.alive() && n.myId().equals(id)).findFirst().orElseThrow();
    }

    /** A replica as it describes itself: another node may list a fresh replica as a master for a while. */
    private ClusterNode aReplica() {
        return members.stream().filter(RedisNode::alive).map(RedisNode::myself).filter(ClusterNode::isReplica)
                .findFirst().orElseThrow();
    }

    /** Each remaining node as it describes itself, and how many nodes it knows: what a refusal must not change. */
    private Map<String, String> state() {
        Map<String, String> out = new TreeMap<>();
        for (RedisNode n : members) {
            if (n.alive()) {
                ClusterNode s = n.myself();
                out.put(n.hostPort(), s.id() + " " + s.flags() + " " + s.masterId() + " " + s.slots() + " known="
                        + n.clusterInfo("cluster_known_nodes"));
            }
        }
        return out;
    }

    /** The node is gone from every remaining node, nothing else is missing, and redis-cli's check passes. */
    private void assertRemoved(RedisNode removed, String id) {
        members.remove(removed);
        for (RedisNode n : members) {
            if (n.alive()) {
                assertTrue(NodesParser.parse(n.callString("CLUSTER", "NODES")).node(id).isEmpty(),
                        n.hostPort() + " still lists " + id);
                // A node the removed one was still handshaking with can linger for a moment: wait, bounded.
                Poll.until(Duration.ofSeconds(15), n.hostPort() + " to know exactly the remaining nodes",
                        () -> Integer.toString(members.size()).equals(n.clusterInfo("cluster_known_nodes")));
            }
        }
        RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", entry().hostPort());
        assertEquals(0, check.exitCode(), check.output());
        List<String> problems = data.verify(entry());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    @Order(1)
    void removesAReplicaAndResetsIt() {
        ClusterNode replica = aReplica();
        orphanedMaster = replica.masterId().orElseThrow();
        RedisNode node = member(replica.id());
        TribRunner.Result r = trib("del-node", entry().hostPort(), replica.id().substring(0, 10));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        List<String> lines = r.outLines();
        assertEquals(">>> Removing node " + node.hostPort() + " (" + replica.id() + ") from cluster "
                + entry().hostPort(), lines.get(0));
        assertTrue(lines.contains(">>> Sending CLUSTER FORGET messages to the cluster..."), r.toString());
        assertTrue(lines.contains(">>> Sending CLUSTER RESET SOFT to the deleted node."), r.toString());
        assertTrue(lines.contains("[OK] Node " + node.hostPort() + " (" + replica.id() + ") removed from the cluster."),
                r.toString());
        assertTrue(lines.contains("[OK] All 5 nodes reachable and healthy."), r.toString());
        assertEquals("1", node.clusterInfo("cluster_known_nodes"), "the removed node was reset");
        assertTrue(node.myself().isMaster());
        assertRemoved(node, replica.id());
    }

    @Test
    @Order(2)
    void refusesAMasterWithSlotsAndChangesNothing() {
        ClusterNode master = view().masters().stream().filter(m -> !m.slots().isEmpty()).findFirst().orElseThrow();
        Map<String, String> before = state();
        TribRunner.Result r = trib("del-node", entry().hostPort(), master.id());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertEquals("[ERR] Node " + master.address().display() + " is not empty! Reshard data away and try again: "
                + "'trib rebalance " + entry().hostPort() + " --weight " + master.id() + "=0' moves all its "
                + master.slots().size() + " slots to the other masters ('trib reshard " + entry().hostPort()
                + " --from " + master.id() + " --to ID --slots " + master.slots().size() + "' to one of them).",
                r.err().trim());
        assertEquals("", r.out());
        assertEquals(before, state());
    }

    @Test
    @Order(3)
    void badIdsAndCredentialsAreRefusedWithOneLine() {
        Map<String, String> before = state();
        String e = entry().hostPort();
        TribRunner.Result unknown = trib("del-node", e, "f".repeat(40));
        assertEquals(ExitCodes.PROBLEMS, unknown.exitCode(), unknown.toString());
        assertEquals("[ERR] No node with ID " + "f".repeat(40) + " in the cluster.", unknown.err().trim());

        TribRunner.Result wrongPassword = trib("del-node", e, entry().myself().id(), "-a", "wrong", "--no-auth-warning");
        assertEquals(ExitCodes.UNREACHABLE, wrongPassword.exitCode(), wrongPassword.toString());
        assertEquals("[ERR] Could not connect to " + e + ": authentication failed: the node has no password set, "
                + "but one was given", wrongPassword.err().trim());

        RedisNode gone = RedisFixture.start("127.0.0.1", true);
        String goneAddress = gone.hostPort();
        gone.close();
        TribRunner.Result unreachable = trib("del-node", goneAddress, entry().myself().id());
        assertEquals(ExitCodes.UNREACHABLE, unreachable.exitCode(), unreachable.toString());
        assertEquals("[ERR] Could not connect to " + goneAddress + ": connection refused", unreachable.err().trim());

        // An ambiguous prefix: AmbiguousNodeIdIT, on IDs chosen to share one.
        assertEquals(before, state());
    }

    @Test
    @Order(4)
    void removesAMasterEmptiedByReshardWithEveryKeyIntact() {
        // Not the entry node: the checks below run through it, and a removed node is reset to be alone.
        String entryId = entry().myId();
        ClusterNode master = view().masters().stream()
                .filter(m -> !m.slots().isEmpty() && !m.id().equals(orphanedMaster) && !m.id().equals(entryId))
                .findFirst().orElseThrow();
        ClusterNode target = view().masters().stream()
                .filter(m -> !m.slots().isEmpty() && !m.id().equals(orphanedMaster) && !m.id().equals(master.id()))
                .findFirst().orElseThrow();
        TribRunner.Result reshard = trib("reshard", entry().hostPort(), "--from", master.id(), "--to", target.id(),
                "--slots", Integer.toString(master.slots().size()), "--yes", "--journal",
                tmp.resolve("drain.json").toString());
        assertEquals(ExitCodes.OK, reshard.exitCode(), reshard.toString());
        RedisNode node = member(master.id());
        assertTrue(node.myself().slots().isEmpty());
        // A master drained this way may have turned itself into a replica of the target: either way it can go.
        TribRunner.Result r = trib("del-node", entry().hostPort(), master.id());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains("[OK] All 4 nodes reachable and healthy."), r.toString());
        assertEquals("1", node.clusterInfo("cluster_known_nodes"));
        assertRemoved(node, master.id());
    }

    @Test
    @Order(5)
    void removingAMasterMovesItsReplicaToAMasterWithSlots() throws Exception {
        RedisNode master = RedisFixture.start("127.0.0.2", true);
        RedisNode replica = RedisFixture.start("127.0.0.3", true);
        spares.add(master);
        spares.add(replica);
        assertEquals(ExitCodes.OK, trib("add-node", master.hostPort(), entry().hostPort(), "-q").exitCode());
        assertEquals(ExitCodes.OK, trib("add-node", replica.hostPort(), entry().hostPort(), "--master-id",
                master.myId(), "-q").exitCode());
        members.add(master);
        members.add(replica);
        String id = master.myId();

        TribRunner.Result r = trib("del-node", entry().hostPort(), id, "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        // Which master takes it (fewest replicas, then another host) is MasterForReplicaTest's business: Redis's
        // own replica migration may be shifting replicas between the masters here.
        String newMaster = replica.myself().masterId().orElseThrow();
        RedisNode taker = member(newMaster);
        assertTrue(!taker.myself().slots().isEmpty() && taker.myself().isMaster());
        assertTrue(r.err().contains(">>> Moving 1 replica(s) of " + master.hostPort() + " to other masters"),
                r.toString());
        assertTrue(r.err().contains(replica.hostPort() + " now replicates " + taker.hostPort() + " ("
                + newMaster.substring(0, 8) + ")"), r.toString());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(id, doc.get("removed").get("id").asText());
        assertTrue(doc.get("removed").get("reset").asBoolean());
        assertEquals(newMaster, doc.get("replicasMoved").get(0).get("newMaster").get("id").asText());
        assertTrue(doc.get("check").get("healthy").asBoolean(), r.out());
        assertEquals("1", master.clusterInfo("cluster_known_nodes"));
        assertRemoved(master, id);
    }

    @Test
    @Order(6)
    void removesANodeKilledWithKill9WithoutContactingIt() {
        ClusterNode replica = aReplica();
        RedisNode node = member(replica.id());
        node.kill();
        TribRunner.Result r = trib("del-node", entry().hostPort(), replica.id());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains(node.hostPort() + " is unreachable (connection refused): forgotten without "
                + "contacting it. Reset it (CLUSTER RESET) before it serves again."), r.toString());
        assertTrue(r.outLines().stream().noneMatch(l -> l.contains("CLUSTER RESET SOFT")), r.toString());
        assertTrue(r.outLines().contains("[OK] Node " + node.hostPort() + " (" + replica.id()
                + ") removed from the cluster."), r.toString());
        assertNotEquals(0, members.size());
        assertRemoved(node, replica.id());
        assertEquals(ExitCodes.OK, trib("check", entry().hostPort()).exitCode());
    }
}
