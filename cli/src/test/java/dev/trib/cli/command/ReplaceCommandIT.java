package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.RedisVersion;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib replace} on a shared 7.0 cluster: each case replaces a node (or is refused) and leaves six healthy
 * members holding every key. The whole 6.2 to 7.0 upgrade is {@link RollingUpgradeIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplaceCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestCluster cluster;
    private final List<RedisNode> live = new ArrayList<>();
    private final List<RedisNode> started = new ArrayList<>();
    private TestData data;

    @BeforeAll
    void start() {
        cluster = TestCluster.sixNodesByRedisCli();
        live.addAll(cluster.nodes());
        data = TestData.load(cluster, 500, 0);
    }

    @AfterAll
    void stop() {
        started.forEach(RedisNode::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private RedisNode fresh(RedisVersion version) {
        RedisNode n = RedisFixture.start(version, "127.0.0.1", true);
        started.add(n);
        return n;
    }

    private RedisNode aReplica() {
        return live.stream().filter(n -> n.myself().isReplica()).findFirst().orElseThrow();
    }

    private RedisNode aMaster() {
        return live.stream().filter(n -> n.myself().isMaster()).findFirst().orElseThrow();
    }

    /** What a refusal must leave as it was. */
    private Map<String, String> state() {
        return new TestCluster(live).state();
    }

    private void replaced(RedisNode old, RedisNode neu) {
        live.remove(old);
        live.add(neu);
        old.close();
        assertHealthy();
    }

    private void assertHealthy() {
        RedisNode entry = live.get(0);
        Poll.until(Duration.ofSeconds(30), "redis-cli --cluster check to pass", () ->
                RedisFixture.redisCli("--cluster", "check", entry.hostPort()).exitCode() == 0);
        for (RedisNode n : live) {
            assertEquals("6", n.clusterInfo("cluster_known_nodes"), n.toString());
        }
        assertEquals(List.of(), data.verify(entry));
    }

    @Test
    void aMasterIsReplacedAfterADryRunThatChangesNothingWithOneJsonDocument() throws Exception {
        RedisNode old = aMaster();
        RedisNode neu = fresh(RedisVersion.V7_0);
        var before = state();
        TribRunner.Result dry = trib("replace", old.hostPort(), neu.hostPort(), "--dry-run");
        assertEquals(ExitCodes.OK, dry.exitCode(), dry.toString());
        assertTrue(dry.outLines().contains("  Fail over: " + neu.hostPort() + " takes over the slots of "
                + old.hostPort()), dry.toString());
        assertEquals(before, state(), "a dry run changes nothing");
        assertEquals("1", neu.clusterInfo("cluster_known_nodes"));

        TribRunner.Result no = new TribRunner().answers("no").run("replace", old.hostPort(), neu.hostPort());
        assertEquals(ExitCodes.PROBLEMS, no.exitCode(), no.toString());
        assertTrue(no.err().contains("Aborted: nothing was changed."), no.toString());
        assertEquals(before, state());

        int slots = old.myself().slots().size();
        TribRunner.Result r = trib("replace", old.hostPort(), neu.hostPort(), "--cluster-yes", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(0, doc.get("exitCode").asInt(), r.toString());
        assertTrue(doc.get("changed").asBoolean(), r.toString());
        assertEquals("master", doc.get("new").get("role").asText(), r.toString());
        assertEquals(neu.myId(), doc.get("new").get("id").asText(), r.toString());
        assertEquals(old.hostPort(), doc.get("old").get("address").asText(), r.toString());
        assertTrue(doc.get("new").get("version").asText().startsWith("7.0."), r.toString());
        assertEquals("join", doc.get("startedAt").asText());
        assertEquals(4, doc.get("steps").size(), r.toString());
        assertTrue(doc.get("oldReset").asBoolean());
        assertTrue(neu.myself().isMaster());
        assertEquals(slots, neu.myself().slots().size());
        replaced(old, neu);
    }

    @Test
    void aReplicaIsReplacedByAReplicaOfTheSameMaster() {
        RedisNode old = aReplica();
        String master = old.myself().masterId().orElseThrow();
        RedisNode neu = fresh(RedisVersion.V7_0);
        TribRunner.Result r = trib("replace", old.hostPort(), neu.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[OK] " + neu.hostPort() + " replaced " + old.hostPort() + " (now a replica)"),
                r.toString());
        assertEquals(master, neu.myself().masterId().orElseThrow());
        replaced(old, neu);
    }

    /** Resuming is running the same command again: the phase is read from the cluster. */
    @Test
    void aRunStoppedAfterTheJoinOrTheFailoverIsResumed() {
        RedisNode old = aMaster();
        RedisNode neu = fresh(RedisVersion.V7_0);
        TribRunner.Result join = trib("add-node", neu.hostPort(), old.hostPort(), "--master-id", old.myId());
        assertEquals(ExitCodes.OK, join.exitCode(), join.toString());
        TribRunner.Result dry = trib("replace", old.hostPort(), neu.hostPort(), "--dry-run");
        assertTrue(dry.out().contains("resuming at the sync step"), dry.toString());

        Poll.until(Duration.ofSeconds(30), "the replica to be in sync", () ->
                neu.callString("INFO", "replication").contains("master_link_status:up"));
        TribRunner.Result failover = trib("failover", neu.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, failover.exitCode(), failover.toString());
        Poll.until(Duration.ofSeconds(30), "the old master to follow the new one", () ->
                old.myself().masterId().filter(neu.myId()::equals).isPresent());
        TribRunner.Result r = trib("replace", old.hostPort(), neu.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("resuming at the remove step"), r.toString());
        replaced(old, neu);

        TribRunner.Result again = trib("replace", old.hostPort(), neu.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
        assertTrue(again.out().contains("Nothing left: " + old.hostPort() + " is no longer a member."),
                again.toString());
    }

    @Test
    void refusesANonEmptyNewNodeAnOlderOneAndTheSameNodeChangingNothing() {
        RedisNode old = aMaster();
        var before = state();

        // A node of another cluster (here: one that met a second node) is not an empty node.
        RedisNode member = fresh(RedisVersion.V7_0);
        RedisNode peer = fresh(RedisVersion.V7_0);
        assertEquals("OK", member.call("CLUSTER", "MEET", peer.ip(), peer.port()));
        Poll.until(Duration.ofSeconds(15), "the two nodes to meet", () -> "2".equals(member.clusterInfo(
                "cluster_known_nodes")));
        TribRunner.Result notEmpty = trib("replace", old.hostPort(), member.hostPort(), "--yes");
        assertEquals(ExitCodes.PROBLEMS, notEmpty.exitCode(), notEmpty.toString());
        assertTrue(notEmpty.err().contains("is not empty: it already knows 1 other node(s)"), notEmpty.toString());

        RedisNode older = fresh(RedisVersion.V6_2);
        TribRunner.Result tooOld = trib("replace", old.hostPort(), older.hostPort(), "--yes");
        assertEquals(ExitCodes.PROBLEMS, tooOld.exitCode(), tooOld.toString());
        assertTrue(tooOld.err().contains(older.hostPort() + " (Redis 6.2.") && tooOld.err().contains(
                "cannot load data from " + old.hostPort() + " (Redis 7.0."), tooOld.toString());

        TribRunner.Result same = trib("replace", old.hostPort(), old.hostPort(), "--yes");
        assertEquals(ExitCodes.PROBLEMS, same.exitCode(), same.toString());
        assertEquals(List.of("[ERR] OLD and NEW are the same node (" + old.hostPort() + ")."),
                same.err().lines().toList());

        assertEquals(before, state());
        assertEquals("1", older.clusterInfo("cluster_known_nodes"));
    }

    /** OLD killed: read through another member (--via), NEW joins OLD's master, OLD is forgotten everywhere. */
    @Test
    void aDeadReplicaIsReplacedThroughALiveMemberAndForgottenEverywhere() {
        RedisNode old = aReplica();
        String oldId = old.myId();
        String master = old.myself().masterId().orElseThrow();
        RedisNode entry = live.stream().filter(n -> n != old).findFirst().orElseThrow();
        old.kill();
        RedisNode neu = fresh(RedisVersion.V7_0);

        TribRunner.Result noEntry = trib("replace", old.hostPort(), neu.hostPort(), "--yes");
        assertEquals(ExitCodes.UNREACHABLE, noEntry.exitCode(), noEntry.toString());
        assertEquals(1, noEntry.err().lines().count(), noEntry.toString());
        assertTrue(noEntry.err().contains("name a live member with --via HOST:PORT"), noEntry.toString());

        TribRunner.Result r = trib("replace", old.hostPort(), neu.hostPort(), "--via", entry.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Remove " + old.hostPort() + " (unreachable): CLUSTER FORGET on every node"),
                r.toString());
        assertEquals(master, neu.myself().masterId().orElseThrow());
        assertTrue(neu.callString("INFO", "replication").contains("master_link_status:up"));
        for (RedisNode n : live) {
            if (n != old) {
                assertTrue(!n.callString("CLUSTER", "NODES").contains(oldId), n + " still knows the dead node");
            }
        }
        replaced(old, neu);
    }

    /**
     * A dead master that still owns slots has no live shard to join: refused in one line saying what to do. Its
     * replica is kept from electing itself (cluster-replica-no-failover) so the refusal does not race the election;
     * once promoted by 'trib failover --force', the replace goes through.
     */
    @Test
    void aDeadMasterIsRefusedWhileItOwnsSlotsThenReplacedOnceItsReplicaTookOver() {
        RedisNode old = aMaster();
        String oldId = old.myId();
        int slots = old.myself().slots().size();
        RedisNode replica = live.stream().filter(n -> n.myself().masterId().filter(oldId::equals).isPresent())
                .findFirst().orElseThrow();
        RedisNode entry = live.stream().filter(n -> n != old && n != replica).findFirst().orElseThrow();
        assertEquals("OK", replica.call("CONFIG", "SET", "cluster-replica-no-failover", "yes"));
        try {
            old.kill();
            RedisNode neu = fresh(RedisVersion.V7_0);
            TribRunner.Result refused = trib("replace", old.hostPort(), neu.hostPort(), "--via", entry.hostPort(),
                    "--yes");
            assertEquals(ExitCodes.PROBLEMS, refused.exitCode(), refused.toString());
            assertEquals(List.of("[ERR] Master " + old.hostPort() + " cannot be reached (" + refusedReason(refused)
                    + ") and still owns " + slots + " slots: wait for its replicas' election (cluster-node-timeout), "
                    + "or promote one now with 'trib failover --force " + replica.hostPort() + "'; then run this "
                    + "replace again."), refused.err().lines().toList());
            assertEquals("1", neu.clusterInfo("cluster_known_nodes"), "NEW was not touched");

            TribRunner.Result promoted = trib("failover", replica.hostPort(), "--force", "--yes");
            assertEquals(ExitCodes.OK, promoted.exitCode(), promoted.toString());
            TribRunner.Result r = trib("replace", old.hostPort(), neu.hostPort(), "--via", entry.hostPort(),
                    "--yes");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertEquals(replica.myId(), neu.myself().masterId().orElseThrow(), "NEW joined the shard that lost OLD");
            replaced(old, neu);
        } finally {
            replica.call("CONFIG", "SET", "cluster-replica-no-failover", "no");
        }
    }

    /** The failure text between "cannot be reached (" and ") and still owns", as the connector words it. */
    private static String refusedReason(TribRunner.Result r) {
        String err = r.err();
        int from = err.indexOf("cannot be reached (") + "cannot be reached (".length();
        return err.substring(from, err.indexOf(") and still owns", from));
    }
}
