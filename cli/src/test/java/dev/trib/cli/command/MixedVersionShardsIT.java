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
import java.util.stream.Stream;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shards of Redis 6.2 and 7.0 nodes, as in a rolling upgrade: trib's own create places every replica under a master
 * whose data it can load, and every subcommand runs on the mixed cluster. One cluster is shared; the cases run in
 * order and each leaves a cluster whose keys all read back (the last one ends the upgrade's middle on purpose).
 * {@link MixedVersionIT} covers slot moves between a 6.2 and a 7.0 master.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MixedVersionShardsIT {
    private static final RedisVersion V62 = RedisVersion.V6_2;
    private static final RedisVersion V70 = RedisVersion.V7_0;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Redis moves a replica of a master that has two to a master left without one (replica migration), which
     * would reshuffle the shards these cases set up; a barrier no master reaches turns that off.
     */
    private static final String[] NO_MIGRATION = {"--cluster-migration-barrier", "99"};
    private TestCluster cluster;
    private final List<RedisNode> members = new ArrayList<>();
    private final List<RedisNode> spares = new ArrayList<>();
    private TestData data;

    @TempDir
    Path tmp;

    @BeforeAll
    void start() {
        RedisFixture.assumeAvailable();
        RedisFixture.assumeRedisCli();
        // The 7.0 nodes come first: redis-cli would make them the masters, and no 6.2 replica could sync.
        cluster = TestCluster.start(List.of(V70, V70, V70, V62, V62, V62), TestCluster.THREE_HOSTS, NO_MIGRATION);
        members.addAll(cluster.nodes());
    }

    @AfterAll
    void stop() {
        spares.forEach(RedisNode::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private RedisNode entry() {
        return members.get(0);
    }

    private static boolean is62(RedisNode n) {
        return n.callString("INFO", "server").contains("redis_version:6.2.");
    }

    private static boolean inSync(RedisNode replica) {
        return replica.callString("INFO", "replication").contains("master_link_status:up");
    }

    private ClusterView view() {
        return NodesParser.parse(entry().callString("CLUSTER", "NODES"));
    }

    private RedisNode byId(String id) {
        return Stream.concat(members.stream(), spares.stream()).filter(n -> n.alive() && n.myId().equals(id))
                .findFirst().orElseThrow();
    }

    private RedisNode spare(RedisVersion v, String ip) {
        RedisNode n = RedisFixture.start(v, ip, true, NO_MIGRATION);
        spares.add(n);
        return n;
    }

    private void assertIntactAndHealthy() {
        assertEquals(List.of(), data.verify(entry()));
        TribRunner.Result check = trib("check", entry().hostPort());
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
        Poll.until(Duration.ofSeconds(30), "redis-cli --cluster check to pass", () ->
                RedisFixture.redisCli("--cluster", "check", entry().hostPort()).exitCode() == 0);
    }

    @Test
    @Order(1)
    void createPutsEveryReplicaUnderAMasterWhoseDataItLoads() {
        List<String> args = new ArrayList<>(List.of("create", "--replicas", "1", "--yes"));
        args.addAll(List.of(cluster.hostPorts()));
        TribRunner.Result r = trib(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains("[OK] Every replica runs the same Redis as its master or a newer one (data "
                + "flows from older to newer servers only)."), r.toString());
        assertTrue(r.outLines().contains("[OK] Perfect anti-affinity obtained!"), r.toString());
        cluster.awaitHealthy();
        data = TestData.load(cluster, 1000, 0);
        for (RedisNode n : members) {
            ClusterNode me = n.myself();
            if (me.isMaster()) {
                assertTrue(is62(n), n + " is a master: the older nodes lead");
            } else {
                assertFalse(is62(n), n + " is a replica");
                RedisNode master = byId(me.masterId().orElseThrow());
                assertTrue(is62(master), n + " replicates " + master);
                Poll.until(Duration.ofSeconds(30), n + " to sync from its 6.2 master", () -> inSync(n)
                        && master.call("DBSIZE").equals(n.call("DBSIZE")));
            }
        }
        assertIntactAndHealthy();
    }

    @Test
    @Order(2)
    void checkInfoWatchCallSetTimeoutAndConsistencyTestOnEveryVersion() throws Exception {
        TribRunner.Result check = trib("check", entry().hostPort(), "--json");
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
        assertEquals(0, JSON.readTree(check.out()).get("exitCode").asInt());

        TribRunner.Result info = trib("info", entry().hostPort());
        assertEquals(ExitCodes.OK, info.exitCode(), info.toString());
        assertTrue(info.outLines().contains("[OK] " + data.keys().size() + " keys in 3 masters."), info.toString());

        TribRunner.Result watch = trib("watch", entry().hostPort(), "--once");
        assertEquals(ExitCodes.OK, watch.exitCode(), watch.toString());
        assertTrue(watch.outLines().stream().anyMatch(l -> l.contains("failures: none")), watch.toString());

        // The fixture starts servers from arguments only: applied everywhere, saved nowhere (exit 1, as on 7.0).
        TribRunner.Result set = trib("set-timeout", entry().hostPort(), "4000");
        assertEquals(ExitCodes.PROBLEMS, set.exitCode(), set.toString());
        assertTrue(set.outLines().contains(">>> New node timeout 4000 ms set: applied on 6 nodes; not saved on 6: no "
                + "config file (a restart brings back the old value)."), set.toString());
        TribRunner.Result call = trib("call", "--json", entry().hostPort(), "CONFIG", "GET", "cluster-node-timeout");
        assertEquals(ExitCodes.OK, call.exitCode(), call.toString());
        JsonNode nodes = JSON.readTree(call.out()).get("nodes");
        assertEquals(6, nodes.size(), call.toString());
        for (JsonNode n : nodes) {
            assertEquals("4000", n.get("reply").get(1).asText(), call.toString());
        }
        assertEquals(ExitCodes.PROBLEMS, trib("set-timeout", entry().hostPort(), "3000").exitCode());

        TribRunner.Result ct = trib("consistency-test", entry().hostPort(), "--duration", "1", "--keys", "20",
                "--prefix", "mixed-ct:", "--json");
        assertEquals(ExitCodes.OK, ct.exitCode(), ct.toString());
        JsonNode stats = new ObjectMapper().readTree(ct.out());
        assertTrue(stats.get("writes").asLong() > 0, ct.toString());
        assertEquals(0, stats.get("lost").asLong(), ct.toString());
        assertEquals(0, stats.get("unexpected").asLong(), ct.toString());
    }

    /** An empty 7.0 master joins and takes its share: keys flow from the 6.2 masters to it. */
    @Test
    @Order(3)
    void addNodeMasterThenRebalanceOntoItThenFixAnOpenSlot() {
        RedisNode master = spare(V70, "127.0.0.1");
        TribRunner.Result add = trib("add-node", master.hostPort(), entry().hostPort());
        assertEquals(ExitCodes.OK, add.exitCode(), add.toString());
        spares.remove(master);
        members.add(master);
        TribRunner.Result r = trib("rebalance", entry().hostPort(), "--use-empty-masters");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        int slots = master.myself().slots().size();
        assertTrue(Math.abs(slots - 16384 / 4) <= 1, "the 7.0 master holds " + slots + " slots");
        assertTrue((Long) master.call("DBSIZE") > 0, "keys moved onto the 7.0 master");
        assertIntactAndHealthy();

        // A move from a 6.2 master to the 7.0 one left half done: fix finishes it in the direction data can flow.
        ClusterNode src = (members.stream().filter(n -> n.myself().isMaster() && is62(n)).findFirst()
                .orElseThrow()).myself();
        int slot = src.slots().stream().findFirst().orElseThrow();
        assertEquals("OK", master.call("CLUSTER", "SETSLOT", slot, "IMPORTING", src.id()));
        assertEquals("OK", byId(src.id()).call("CLUSTER", "SETSLOT", slot, "MIGRATING", master.myId()));
        assertEquals(ExitCodes.PROBLEMS, trib("check", entry().hostPort()).exitCode());
        TribRunner.Result fix = trib("fix", entry().hostPort(), "--yes");
        assertEquals(ExitCodes.OK, fix.exitCode(), fix.toString());
        Poll.until(Duration.ofSeconds(30), "the slot to settle", () -> view().ownerOf(slot).isPresent());
        assertIntactAndHealthy();
    }

    /** The 7.0 master has the fewest replicas (none), but a 6.2 replica could never sync from it. */
    @Test
    @Order(4)
    void addNodeReplicaOf62PicksA62MasterNotTheEmptiest70() {
        RedisNode replica = spare(V62, "127.0.0.2");
        TribRunner.Result add = trib("add-node", replica.hostPort(), entry().hostPort(), "--cluster-slave");
        assertEquals(ExitCodes.OK, add.exitCode(), add.toString());
        spares.remove(replica);
        members.add(replica);
        RedisNode master = byId(replica.myself().masterId().orElseThrow());
        assertTrue(is62(master), "follows " + master);
        Poll.until(Duration.ofSeconds(30), "the 6.2 replica to sync", () -> inSync(replica));
        assertIntactAndHealthy();
    }

    @Test
    @Order(5)
    void backupAndImportOnAMixedCluster() throws Exception {
        Path dir = tmp.resolve("backup");
        TribRunner.Result r = trib("backup", entry().hostPort(), dir.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[OK] Saved 4 snapshots and nodes.json in " + dir + "."), r.toString());

        RedisNode plain = RedisFixture.start(V62, "127.0.0.1", false);
        spares.add(plain);
        plain.call("SET", "mixed-import:1", "one");
        plain.call("SET", "mixed-import:2", "two");
        TribRunner.Result imported = trib("import", entry().hostPort(), "--from", plain.hostPort(), "--copy");
        assertEquals(ExitCodes.OK, imported.exitCode(), imported.toString());
        data.keys().put("mixed-import:1", new TestData.Expected("string", "one", false));
        data.keys().put("mixed-import:2", new TestData.Expected("string", "two", false));
        assertIntactAndHealthy();
    }

    /**
     * The rolling upgrade's step: a 7.0 replica takes over from its 6.2 master. It proceeds, and names the old
     * master and the shard's other 6.2 replica, which cannot sync from 7.0, with what to run; --json carries them.
     */
    @Test
    @Order(6)
    void failoverToANewerReplicaWarnsAboutEveryOlderNodeOfTheShard() throws Exception {
        RedisNode replica62 = members.stream().filter(n -> n.myself().isReplica() && is62(n)).findFirst()
                .orElseThrow();
        RedisNode old = byId(replica62.myself().masterId().orElseThrow());
        RedisNode promoted = members.stream().filter(n -> n != replica62 && n.myself().masterId()
                .filter(old.myId()::equals).isPresent()).findFirst().orElseThrow(() -> new AssertionError(
                        old + " lost its 7.0 replica: " + view()));
        assertFalse(is62(promoted));
        Poll.until(Duration.ofSeconds(30), "the 7.0 replica to be in sync", () -> inSync(promoted));

        TribRunner.Result r = trib("failover", promoted.hostPort(), "--yes", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        JsonNode warnings = JSON.readTree(r.out()).get("warnings");
        assertEquals(2, warnings.size(), r.toString());
        for (RedisNode older : List.of(old, replica62)) {
            String line = older.hostPort() + " (Redis 6.2.";
            assertTrue(warnings.toString().contains(line) && warnings.toString().contains("trib replace "
                    + older.hostPort() + " NEW"), r.toString());
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("[WARNING] " + line)
                    && l.contains("cannot replicate from " + promoted.hostPort() + " (Redis 7.0.")), r.toString());
        }
        assertTrue(promoted.myself().isMaster());

        // What the warning says to do: the old 6.2 master is replaced by a 7.0 node, the 6.2 replica removed.
        RedisNode neu = spare(V70, old.ip());
        TribRunner.Result replaced = trib("replace", old.hostPort(), neu.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, replaced.exitCode(), replaced.toString());
        assertEquals(promoted.myId(), neu.myself().masterId().orElseThrow());
        assertTrue(inSync(neu));
        members.remove(old);
        spares.remove(neu);
        members.add(neu);
        TribRunner.Result removed = trib("del-node", entry().hostPort(), replica62.myId());
        assertEquals(ExitCodes.OK, removed.exitCode(), removed.toString());
        members.remove(replica62);
        assertIntactAndHealthy();
    }

    /** Once every master runs 7.0, a 6.2 node cannot be a replica anywhere: refused in one line, nothing changed. */
    @Test
    @Order(7)
    void aReplicaOlderThanEveryMasterIsRefused() {
        for (RedisNode m : members.stream().filter(n -> n.myself().isMaster() && is62(n)).toList()) {
            RedisNode r = members.stream().filter(n -> n.myself().masterId().filter(m.myId()::equals).isPresent()
                    && !is62(n)).findFirst().orElseThrow();
            Poll.until(Duration.ofSeconds(30), "the 7.0 replica to be in sync", () -> inSync(r));
            TribRunner.Result f = trib("failover", r.hostPort(), "--yes");
            assertEquals(ExitCodes.OK, f.exitCode(), f.toString());
            assertTrue(f.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] " + m.hostPort())), f.toString());
        }
        RedisNode older = spare(V62, "127.0.0.3");
        TribRunner.Result refused = trib("add-node", older.hostPort(), entry().hostPort(), "--replica");
        assertEquals(ExitCodes.PROBLEMS, refused.exitCode(), refused.toString());
        List<String> lines = refused.err().lines().toList();
        assertEquals(1, lines.size(), refused.toString());
        assertTrue(lines.get(0).startsWith("[ERR] Cannot add " + older.hostPort() + " (Redis 6.2.")
                && lines.get(0).contains("as a replica: every master serving slots runs a newer Redis whose data "
                + "it cannot load (") && lines.get(0).contains("(Redis 7.0."), refused.toString());
        assertEquals("1", older.clusterInfo("cluster_known_nodes"), "the refused node was not touched");
        assertEquals(List.of(), data.verify(entry()));
    }
}
