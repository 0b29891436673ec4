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
import dev.trib.planner.topology.NodeFlag;
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
import java.util.Optional;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib add-node} on a 3-master, 3-replica cluster built by redis-cli: a master that takes slots right
 * after, replicas with and without --master-id, and every refusal leaving the cluster as it was. Tests run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddNodeCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestCluster cluster;
    private TestData data;
    private final List<RedisNode> spares = new ArrayList<>();
    private final List<RedisNode> joined = new ArrayList<>();
    private RedisNode newMaster;

    @TempDir
    Path tmp;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
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

    private RedisNode spare(String ip) {
        RedisNode n = RedisFixture.start(ip, true);
        spares.add(n);
        return n;
    }

    private static ClusterView view(RedisNode n) {
        return NodesParser.parse(n.callString("CLUSTER", "NODES"));
    }

    private List<ClusterNode> mastersWithSlots() {
        return view(entry()).masters().stream().filter(m -> !m.slots().isEmpty()).toList();
    }

    /** Every node of the cluster and every added node knows all of them, and redis-cli's check passes. */
    private void assertWhole(int nodes) {
        List<RedisNode> all = new ArrayList<>(cluster.nodes());
        all.addAll(joined);
        assertEquals(nodes, all.size());
        for (RedisNode n : all) {
            assertEquals(Integer.toString(nodes), n.clusterInfo("cluster_known_nodes"), n.hostPort());
            assertEquals("ok", n.clusterInfo("cluster_state"), n.hostPort());
        }
        RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", entry().hostPort());
        assertEquals(0, check.exitCode(), check.output());
    }

    @Test
    @Order(1)
    void addsAMasterThatCanTakeSlotsRightAway() {
        newMaster = spare("127.0.0.1");
        String id = newMaster.myId();
        TribRunner.Result r = trib("add-node", newMaster.hostPort(), entry().hostPort());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        joined.add(newMaster);
        List<String> lines = r.outLines();
        assertEquals(">>> Adding node " + newMaster.hostPort() + " to cluster " + entry().hostPort(), lines.get(0));
        assertTrue(lines.contains(">>> Send CLUSTER MEET to node " + newMaster.hostPort()
                + " to make it join the cluster."), r.toString());
        assertTrue(lines.contains("[OK] New node " + newMaster.hostPort() + " (" + id + ") added as a master."),
                r.toString());
        assertTrue(lines.contains("M: " + id + " " + newMaster.hostPort()), r.toString());
        assertTrue(lines.contains("[OK] All 7 nodes reachable and healthy."), r.toString());
        assertWhole(7);

        // It was waited for until cluster_state:ok: slots and keys can move to it at once.
        TribRunner.Result reshard = trib("reshard", entry().hostPort(), "--from", "all", "--to", id, "--slots", "30",
                "--yes", "--journal", tmp.resolve("to-new.json").toString());
        assertEquals(ExitCodes.OK, reshard.exitCode(), reshard.toString());
        assertEquals(30, newMaster.myself().slots().size());
        List<String> problems = data.verify(entry());
        assertTrue(problems.isEmpty(), problems.toString());
        assertWhole(7);
    }

    @Test
    @Order(2)
    void aReplicaFollowsTheMasterWithTheFewestReplicas() throws Exception {
        // The new master is the only one without a replica.
        RedisNode replica = spare("127.0.0.2");
        TribRunner.Result r = trib("add-node", replica.hostPort(), entry().hostPort(), "--replica", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        joined.add(replica);
        JsonNode doc = JSON.readTree(r.out());
        assertEquals("replica", doc.get("added").get("role").asText());
        assertEquals(newMaster.myId(), doc.get("added").get("masterId").asText());
        assertTrue(doc.get("check").get("healthy").asBoolean(), r.out());
        assertTrue(r.err().contains("Automatically selected master " + newMaster.hostPort()), r.toString());
        ClusterNode self = replica.myself();
        assertTrue(self.isReplica(), self.toString());
        assertEquals(Optional.of(newMaster.myId()), self.masterId());
        assertWhole(8);
    }

    @Test
    @Order(3)
    void aReplicaOfAGivenMasterByIdPrefix() {
        ClusterNode master = mastersWithSlots().stream().filter(m -> !m.id().equals(newMaster.myId()))
                .findFirst().orElseThrow();
        RedisNode replica = spare("127.0.0.3");
        TribRunner.Result r = trib("add-node", "--cluster-slave", "--cluster-master-id", master.id().substring(0, 8),
                replica.hostPort(), entry().hostPort());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        joined.add(replica);
        assertTrue(r.outLines().contains(">>> Configure node as replica of " + master.address().display() + "."),
                r.toString());
        assertTrue(r.outLines().contains("[OK] New node " + replica.hostPort() + " (" + replica.myId()
                + ") added as a replica of " + master.address().display() + "."), r.toString());
        assertEquals(Optional.of(master.id()), replica.myself().masterId());
        assertWhole(9);
    }

    /** One line on stderr, the exit code, and neither the cluster nor the candidate changed. */
    private void assertRefused(int code, String line, RedisNode candidate, String... args) {
        String known = entry().clusterInfo("cluster_known_nodes");
        TribRunner.Result r = trib(args);
        assertEquals(code, r.exitCode(), r.toString());
        assertTrue(r.err().lines().anyMatch(l -> l.equals(line)), "expected " + line + "\n" + r);
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith(">>> Send CLUSTER MEET")), r.toString());
        assertEquals(known, entry().clusterInfo("cluster_known_nodes"));
        if (candidate != null && candidate.alive()) {
            assertEquals("1", candidate.clusterInfo("cluster_known_nodes"));
        }
    }

    @Test
    @Order(4)
    void badMasterIdsAreRefused() {
        RedisNode candidate = spare("127.0.0.1");
        String e = entry().hostPort();
        assertRefused(ExitCodes.PROBLEMS, "[ERR] No master with ID ffffffff in the cluster.", candidate,
                "add-node", candidate.hostPort(), e, "--master-id", "ffffffff");
        ClusterNode aReplica = cluster.nodes().stream().map(RedisNode::myself).filter(ClusterNode::isReplica)
                .findFirst().orElseThrow();
        assertRefused(ExitCodes.PROBLEMS, "[ERR] Node " + aReplica.address().display() + " (" + aReplica.id()
                        + ") is a replica, not a master: --master-id needs a master's ID.", candidate,
                "add-node", candidate.hostPort(), e, "--master-id", aReplica.id());
        // An ambiguous prefix: AmbiguousNodeIdIT, on IDs chosen to share one.
    }

    @Test
    @Order(5)
    void unfitNewNodesAreRefused() {
        String e = entry().hostPort();
        // A slot-less node serves no key: DEBUG POPULATE writes one regardless of slots.
        RedisNode withKey = RedisFixture.start("127.0.0.1", true, "--enable-debug-command", "yes");
        spares.add(withKey);
        assertEquals("OK", withKey.call("DEBUG", "POPULATE", 1));
        int slot = 42;
        assertEquals("OK", withKey.call("CLUSTER", "ADDSLOTS", slot));
        TribRunner.Result both = trib("add-node", withKey.hostPort(), e);
        assertEquals(ExitCodes.PROBLEMS, both.exitCode(), both.toString());
        assertEquals(List.of("[ERR] Node " + withKey.hostPort() + " is not empty: it holds 1 key(s) in database 0.",
                "[ERR] Node " + withKey.hostPort() + " is not empty: it already serves slots " + slot + "."),
                both.err().lines().toList());
        assertEquals("1", withKey.clusterInfo("cluster_known_nodes"));

        RedisNode plain = RedisFixture.start("127.0.0.1", false);
        spares.add(plain);
        assertRefused(ExitCodes.PROBLEMS, "[ERR] Node " + plain.hostPort() + " is not configured as a cluster node "
                + "(start it with cluster-enabled yes).", null, "add-node", plain.hostPort(), e);

        RedisNode gone = RedisFixture.start("127.0.0.1", true);
        String goneAddress = gone.hostPort();
        gone.close();
        assertRefused(ExitCodes.UNREACHABLE, "[ERR] Could not connect to " + goneAddress + ": connection refused",
                null, "add-node", goneAddress, e);

        RedisNode candidate = spare("127.0.0.2");
        assertRefused(ExitCodes.UNREACHABLE, "[ERR] Could not connect to " + e + ": authentication failed: the node "
                        + "has no password set, but one was given", candidate,
                "add-node", candidate.hostPort(), e, "-a", "wrong", "--no-auth-warning");
    }

    @Test
    @Order(6)
    void anOpenSlotElsewhereIsAWarningNotARefusal() {
        RedisNode candidate = spare("127.0.0.3");
        RedisNode n = entry();
        ClusterNode self = n.myself();
        int slot = self.slots().ranges().get(0).start();
        String other = mastersWithSlots().stream().filter(m -> !m.id().equals(self.id())).findFirst().orElseThrow()
                .id();
        n.call("CLUSTER", "SETSLOT", slot, "MIGRATING", other);
        try {
            // Joining moves no slot: the open one is reported and the node joins.
            TribRunner.Result r = trib("add-node", candidate.hostPort(), n.hostPort(), "--replica");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(r.out().contains("[WARNING] Node " + n.hostPort() + " has slots in migrating state " + slot
                    + "."), r.toString());
        } finally {
            n.call("CLUSTER", "SETSLOT", slot, "STABLE");
        }
        TribRunner.Result del = trib("del-node", n.hostPort(), candidate.myId());
        assertEquals(ExitCodes.OK, del.exitCode(), del.toString());
        assertWhole(9);
    }

    /**
     * redis-cli add-node returns before the node has even joined; once it has, the new master reports
     * cluster_state:fail for Redis's rejoin delay. A reshard into it then waits that out instead of refusing the
     * cluster.
     */
    @Test
    @Order(7)
    void aReshardRightAfterRedisCliAddNodeWaitsForTheNewMaster() {
        RedisNode late = spare("127.0.0.2");
        RedisFixture.ProcessResult add = RedisFixture.redisCli("--cluster", "add-node", late.hostPort(),
                entry().hostPort());
        assertEquals(0, add.exitCode(), add.output());
        joined.add(late);
        Poll.until(Duration.ofSeconds(20), "the entry node to know the new node",
                () -> view(entry()).node(late.myId()).filter(n -> !n.is(NodeFlag.HANDSHAKE)).isPresent());
        // Here it is still in its rejoin delay (cluster-node-timeout 3000 ms: 3 s).
        TribRunner.Result reshard = trib("reshard", entry().hostPort(), "--from", "all", "--to", late.myId(),
                "--slots", "20", "--yes", "--journal", tmp.resolve("to-late.json").toString());
        assertEquals(ExitCodes.OK, reshard.exitCode(), reshard.toString());
        assertEquals(20, late.myself().slots().size());
        List<String> problems = data.verify(entry());
        assertTrue(problems.isEmpty(), problems.toString());
        assertWhole(10);
    }

    /** Ctrl-C during a join lets it finish (a node known to half the cluster helps nobody), then exits 130. */
    @Test
    @Order(8)
    void ctrlCDuringAJoinFinishesItAndExits130() throws Exception {
        RedisNode late = spare("127.0.0.3");
        java.util.concurrent.atomic.AtomicReference<TribRunner.Result> result =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread run = new Thread(() -> result.set(trib("add-node", late.hostPort(), entry().hostPort(),
                "--replica")));
        run.start();
        // What a terminal's Ctrl-C does to the running trib, once its join has started.
        Poll.until(Duration.ofSeconds(30), "the join to start", () -> !run.isAlive() || Interruption.anyActive());
        Interruption.ctrlC();
        run.join(60_000);
        TribRunner.Result r = result.get();
        assertEquals(ExitCodes.INTERRUPTED, r.exitCode(), String.valueOf(r));
        assertTrue(r.err().contains("[ERR] Interrupted: the join was completed first; " + late.hostPort()),
                r.toString());
        joined.add(late);
        assertTrue(late.myself().isReplica(), "the join was completed");
        assertWhole(11);
    }

    @Test
    @Order(9)
    void repeatingAnAddIsNothingToDoAndAnotherRoleIsRefusedInOneLine() throws Exception {
        String e = entry().hostPort();
        String masterId = newMaster.myId();
        // Test 3's replica, of a master given by id.
        RedisNode replica = joined.get(2);
        String replicaId = replica.myId();
        String itsMaster = replica.myself().masterId().orElseThrow();
        String known = entry().clusterInfo("cluster_known_nodes");

        TribRunner.Result master = trib("add-node", newMaster.hostPort(), e);
        assertEquals(ExitCodes.OK, master.exitCode(), master.toString());
        assertTrue(master.outLines().contains("[OK] Node " + newMaster.hostPort() + " (" + masterId + ") is already "
                + "a member of this cluster as a master serving " + newMaster.myself().slots().size()
                + " slots: nothing to do."), master.toString());
        assertTrue(master.outLines().stream().noneMatch(l -> l.startsWith(">>> Send CLUSTER MEET")), master.toString());

        String masterLabel = view(entry()).node(itsMaster).orElseThrow().address().display() + " ("
                + itsMaster.substring(0, 8) + ")";
        for (List<String> args : List.of(List.of("--replica", "--master-id", itsMaster.substring(0, 6)),
                List.of("--cluster-slave"))) {
            List<String> all = new ArrayList<>(List.of("add-node", replica.hostPort(), e));
            all.addAll(args);
            TribRunner.Result again = trib(all.toArray(String[]::new));
            assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
            assertTrue(again.outLines().contains("[OK] Node " + replica.hostPort() + " (" + replicaId + ") is "
                    + "already a member of this cluster as a replica of " + masterLabel + ": nothing to do."),
                    again.toString());
        }
        TribRunner.Result json = trib("add-node", replica.hostPort(), e, "--replica", "--json");
        assertEquals(ExitCodes.OK, json.exitCode(), json.toString());
        JsonNode doc = JSON.readTree(json.out());
        assertEquals(0, doc.get("exitCode").asInt());
        assertTrue(!doc.get("changed").asBoolean() && doc.get("reason").asText().endsWith("nothing to do."),
                json.out());
        assertEquals(replicaId, doc.get("added").get("id").asText());
        assertEquals(itsMaster, doc.get("added").get("masterId").asText());

        // In another role: one line saying what it is and what to run.
        assertRefused(ExitCodes.PROBLEMS, "[ERR] Node " + replica.hostPort() + " (" + replicaId + ") is already a "
                + "member of this cluster as a replica of " + masterLabel + ", not as a master: 'trib failover "
                + replica.hostPort() + "' promotes it in its master's place; to add it as an empty master, remove it "
                + "first with 'trib del-node " + e + " " + replicaId + "'.", null, "add-node", replica.hostPort(), e);
        assertRefused(ExitCodes.PROBLEMS, "[ERR] Node " + replica.hostPort() + " (" + replicaId + ") is already a "
                + "member of this cluster as a replica of " + masterLabel + ", not of " + newMaster.hostPort() + " ("
                + masterId.substring(0, 8) + "): to make it follow that master, run 'redis-cli -h " + replica.ip()
                + " -p " + replica.port() + " CLUSTER REPLICATE " + masterId + "'.", null,
                "add-node", replica.hostPort(), e, "--master-id", masterId);
        assertRefused(ExitCodes.PROBLEMS, "[ERR] Node " + newMaster.hostPort() + " (" + masterId + ") is already a "
                + "member of this cluster as a master serving " + newMaster.myself().slots().size() + " slots, not as a "
                + "replica: move its slots away first ('trib reshard " + e + " --from " + masterId + " ...'), remove "
                + "it with 'trib del-node " + e + " " + masterId + "', then add it again with --replica.", null,
                "add-node", newMaster.hostPort(), e, "--replica");
        assertEquals(Optional.of(itsMaster), replica.myself().masterId());
        assertTrue(newMaster.myself().isMaster());

        // A member of a different cluster: refused as any node that knows others.
        RedisNode a = spare("127.0.0.1");
        RedisNode b = spare("127.0.0.2");
        assertEquals("OK", a.call("CLUSTER", "MEET", b.ip(), b.port()));
        Poll.until(Duration.ofSeconds(30), "the other cluster to form", () -> "2".equals(a.clusterInfo(
                "cluster_known_nodes")));
        TribRunner.Result other = trib("add-node", a.hostPort(), e);
        assertEquals(ExitCodes.PROBLEMS, other.exitCode(), other.toString());
        assertEquals(List.of("[ERR] Node " + a.hostPort() + " is not empty: it already knows 1 other node(s) "
                + "(CLUSTER RESET it to reuse it)."), other.err().lines().toList());
        assertEquals(known, entry().clusterInfo("cluster_known_nodes"));
    }
}
