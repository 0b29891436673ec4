package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.consistency.ConsistencyTest;
import dev.trib.commands.fixture.ConsistencyLoad;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.RedisVersion;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.commands.fixture.TlsMaterial;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every subcommand's main path on a Redis 6.2 cluster (no CLUSTER ADDSLOTSRANGE, SHARDS, LINKS, hostnames).
 * One cluster, made by trib's own create, is shared: each case starts from and leaves behind a healthy cluster
 * whose keys all read back, so the cases stay independent of each other's details. The 7.0 suites test the
 * options and the refusals; this one that each command works at all on the older server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Redis62LifecycleIT {
    private static final RedisVersion V62 = RedisVersion.V6_2;
    private TestCluster cluster;
    private final List<RedisNode> members = new ArrayList<>();
    private final List<RedisNode> spares = new ArrayList<>();
    private TestData data;

    @TempDir
    Path tmp;

    @BeforeAll
    void createWithTrib() {
        RedisFixture.assumeRedisCli();
        cluster = TestCluster.start(V62, 6, TestCluster.THREE_HOSTS);
        members.addAll(cluster.nodes());
        List<String> args = new ArrayList<>(List.of("create", "--replicas", "1", "--yes"));
        args.addAll(List.of(cluster.hostPorts()));
        TribRunner.Result r = trib(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains("[OK] All 16384 slots covered."), r.toString());
        assertCleanByRedisCli();
        data = TestData.load(cluster, 3000, 0);
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

    private ClusterView view() {
        return NodesParser.parse(entry().callString("CLUSTER", "NODES"));
    }

    private RedisNode spare() {
        RedisNode n = RedisFixture.start(V62, "127.0.0.1", true);
        spares.add(n);
        return n;
    }

    private void assertCleanByRedisCli() {
        Poll.until(Duration.ofSeconds(30), "redis-cli --cluster check to pass", () ->
                RedisFixture.redisCli("--cluster", "check", entry().hostPort()).exitCode() == 0);
    }

    /** Every key reads back through a cluster client, and both trib and redis-cli find nothing wrong. */
    private void assertIntactAndHealthy() {
        assertEquals(List.of(), data.verify(entry()));
        TribRunner.Result check = trib("check", entry().hostPort());
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
        assertCleanByRedisCli();
    }

    @Test
    @Order(1)
    void createMadeThreeMastersOfTwoNodesEachOn62() {
        ClusterView v = view();
        assertEquals(3, v.masters().size());
        for (RedisNode n : members) {
            assertTrue(n.callString("INFO", "server").contains("redis_version:6.2."), n.toString());
        }
        assertIntactAndHealthy();
    }

    @Test
    @Order(2)
    void checkInfoWatchCallSetTimeoutAndConsistencyTestOnA62Cluster() throws Exception {
        TribRunner.Result check = trib("check", entry().hostPort(), "--json");
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
        new ObjectMapper().readTree(check.out());

        TribRunner.Result info = trib("info", entry().hostPort());
        assertEquals(ExitCodes.OK, info.exitCode(), info.toString());
        assertTrue(info.out().contains("[OK] " + data.keys().size() + " keys in 3 masters."), info.toString());

        TribRunner.Result watch = trib("watch", entry().hostPort(), "--once");
        assertEquals(ExitCodes.OK, watch.exitCode(), watch.toString());
        assertTrue(watch.outLines().stream().anyMatch(l -> l.contains("failures: none")), watch.toString());

        TribRunner.Result call = trib("call", "--json", "--only-masters", entry().hostPort(), "DBSIZE");
        assertEquals(ExitCodes.OK, call.exitCode(), call.toString());
        JsonNode doc = new ObjectMapper().readTree(call.out());
        assertEquals(3, doc.get("nodes").size(), call.toString());
        long keys = 0;
        for (JsonNode n : doc.get("nodes")) {
            keys += n.get("reply").asLong();
        }
        assertEquals(data.keys().size(), keys, call.toString());

        // The fixture starts servers from arguments only: applied everywhere, saved nowhere (exit 1, as on 7.0).
        TribRunner.Result set = trib("set-timeout", entry().hostPort(), "4000");
        assertEquals(ExitCodes.PROBLEMS, set.exitCode(), set.toString());
        assertTrue(set.outLines().contains(">>> New node timeout 4000 ms set: applied on 6 nodes; not saved on 6: no "
                + "config file (a restart brings back the old value)."), set.toString());
        for (RedisNode n : members) {
            assertEquals("4000", String.valueOf(((List<?>) n.call("CONFIG", "GET", "cluster-node-timeout"))
                    .get(1)), n.toString());
        }
        assertEquals(ExitCodes.PROBLEMS, trib("set-timeout", entry().hostPort(), "3000").exitCode());

        TribRunner.Result ct = trib("consistency-test", entry().hostPort(), "--duration", "1", "--keys", "20",
                "--prefix", "v62-ct:", "--json");
        assertEquals(ExitCodes.OK, ct.exitCode(), ct.toString());
        JsonNode stats = new ObjectMapper().readTree(ct.out());
        assertTrue(stats.get("writes").asLong() > 0, ct.toString());
        assertEquals(0, stats.get("lost").asLong(), ct.toString());
        assertEquals(0, stats.get("unexpected").asLong(), ct.toString());
    }

    @Test
    @Order(3)
    void reshardMovesKeysUnderLoadWithoutLosingAWrite() throws Exception {
        String to = view().masters().get(0).id();
        int before = view().node(to).orElseThrow().slots().size();
        try (ConsistencyLoad load = new ConsistencyLoad(entry(), 200, "v62:")) {
            load.awaitWrites(300);
            TribRunner.Result r = trib("reshard", entry().hostPort(), "--from", "all", "--to", to, "--slots",
                    "1500", "--yes");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            load.awaitWrites(300);
            ConsistencyTest.Stats s = load.stop();
            assertEquals(0, s.lost(), load.anomalies().toString());
            assertEquals(0, s.unexpected(), load.anomalies().toString());
        }
        assertEquals(before + 1500, view().node(to).orElseThrow().slots().size());
        assertIntactAndHealthy();
    }

    @Test
    @Order(4)
    void addNodeMasterAndReplicaThenRebalanceOntoTheEmptyMaster() {
        RedisNode master = spare();
        RedisNode replica = spare();
        TribRunner.Result add = trib("add-node", master.hostPort(), entry().hostPort());
        assertEquals(ExitCodes.OK, add.exitCode(), add.toString());
        members.add(master);
        String masterId = master.myId();
        TribRunner.Result addReplica = trib("add-node", replica.hostPort(), entry().hostPort(), "--master-id",
                masterId);
        assertEquals(ExitCodes.OK, addReplica.exitCode(), addReplica.toString());
        members.add(replica);
        Poll.until(Duration.ofSeconds(30), "the replica to follow the new master",
                () -> replica.myself().masterId().filter(masterId::equals).isPresent());

        TribRunner.Result r = trib("rebalance", entry().hostPort(), "--use-empty-masters");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        int slots = view().node(masterId).orElseThrow().slots().size();
        assertTrue(Math.abs(slots - 16384 / 4) <= 1, "the new master holds " + slots + " slots");
        assertTrue((Long) master.call("DBSIZE") > 0, "keys moved onto the new master");
        assertIntactAndHealthy();
    }

    @Test
    @Order(5)
    void failoverPromotesAReplica() {
        RedisNode replica = members.stream().filter(n -> n.myself().isReplica()).findFirst().orElseThrow();
        String oldMaster = replica.myself().masterId().orElseThrow();
        Poll.until(Duration.ofSeconds(30), "the replica to be in sync", () ->
                replica.callString("INFO", "replication").contains("master_link_status:up"));
        TribRunner.Result r = trib("failover", replica.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().stream().noneMatch(l -> l.startsWith("[WARNING]")), "one version, no warning: " + r);
        assertTrue(replica.myself().isMaster());
        RedisNode old = members.stream().filter(n -> n.myId().equals(oldMaster)).findFirst().orElseThrow();
        Poll.until(Duration.ofSeconds(30), "the old master to become a replica", () -> old.myself().isReplica());
        assertIntactAndHealthy();
    }

    @Test
    @Order(6)
    void delNodeRemovesAReplica() {
        RedisNode replica = members.stream().filter(n -> n.myself().isReplica()).reduce((a, b) -> b).orElseThrow();
        String id = replica.myId();
        TribRunner.Result r = trib("del-node", entry().hostPort(), id);
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        members.remove(replica);
        assertTrue(view().node(id).isEmpty());
        assertEquals("1", replica.clusterInfo("cluster_known_nodes"), "the removed node was reset");
        assertIntactAndHealthy();
    }

    @Test
    @Order(7)
    void fixFinishesAnOpenSlot() {
        ClusterView v = view();
        // Masters by their own word: after the rebalance and failover cases, the entry's view can still list a
        // drained master that has since become a replica, which refuses SETSLOT.
        List<ClusterNode> masters = v.masters().stream().filter(m -> !m.slots().isEmpty())
                .filter(m -> byId(m.id()).myself().isMaster()).toList();
        ClusterNode src = masters.get(0);
        ClusterNode dst = masters.get(1);
        int slot = src.slots().stream().findFirst().orElseThrow();
        RedisNode srcNode = byId(src.id());
        RedisNode dstNode = byId(dst.id());
        assertEquals("OK", dstNode.call("CLUSTER", "SETSLOT", slot, "IMPORTING", src.id()));
        assertEquals("OK", srcNode.call("CLUSTER", "SETSLOT", slot, "MIGRATING", dst.id()));
        assertEquals(ExitCodes.PROBLEMS, trib("check", entry().hostPort()).exitCode());
        TribRunner.Result r = trib("fix", entry().hostPort(), "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        Poll.until(Duration.ofSeconds(30), "the slot to settle", () -> view().ownerOf(slot).isPresent());
        assertIntactAndHealthy();
    }

    @Test
    @Order(8)
    void backupSnapshotsLoadInto62() throws Exception {
        Path dir = tmp.resolve("backup");
        TribRunner.Result r = trib("backup", entry().hostPort(), dir.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        JsonNode nodes = new ObjectMapper().readTree(dir.resolve("nodes.json").toFile()).get("nodes");
        long total = 0;
        for (JsonNode n : nodes) {
            if (!n.get("role").asText().equals("master")) {
                continue;
            }
            Path restore = java.nio.file.Files.createDirectories(tmp.resolve("restore-" + n.get("id").asText()));
            java.nio.file.Files.copy(dir.resolve(n.get("rdb").asText()), restore.resolve("dump.rdb"));
            try (RedisNode restored = RedisFixture.start(V62, "127.0.0.1", false, "--dir", restore.toString(),
                    "--dbfilename", "dump.rdb")) {
                total += (Long) restored.call("DBSIZE");
            }
        }
        // The consistency load's counters are in the backup too.
        assertTrue(total >= data.keys().size(), total + " keys restored");
    }

    @Test
    @Order(9)
    void importTakesKeysFromA62Standalone() {
        RedisNode source = RedisFixture.start(V62, "127.0.0.1", false);
        spares.add(source);
        source.call("SET", "imported:1", "one");
        source.call("HSET", "imported:2", "f", "v");
        TribRunner.Result r = trib("import", entry().hostPort(), "--from", source.hostPort(), "--copy");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        data.keys().put("imported:1", new TestData.Expected("string", "one", false));
        data.keys().put("imported:2", new TestData.Expected("hash", java.util.Map.of("f", "v"), false));
        assertIntactAndHealthy();
    }

    /** A cluster of its own: TLS for clients, the bus and replication, client certificates required. */
    @Test
    @Order(10)
    void createReshardAndCheckOverTls() {
        List<String> tlsArgs = TlsMaterial.get().clientArgs();
        try (TestCluster c = new TestCluster(RedisFixture.startEach(3, TestCluster.THREE_HOSTS,
                ip -> RedisFixture.startTls(V62, ip, true)))) {
            List<String> create = new ArrayList<>(List.of("create", "--replicas", "0", "--yes"));
            create.addAll(List.of(c.hostPorts()));
            create.addAll(tlsArgs);
            TribRunner.Result r = trib(create.toArray(String[]::new));
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            c.awaitHealthy();
            TestData tlsData = TestData.load(c, 300, 0);
            String to = NodesParser.parse(c.node(0).callString("CLUSTER", "NODES")).masters().get(0).id();
            List<String> reshard = new ArrayList<>(List.of("reshard", c.node(0).hostPort(), "--from", "all", "--to",
                    to, "--slots", "500", "--yes"));
            reshard.addAll(tlsArgs);
            TribRunner.Result moved = trib(reshard.toArray(String[]::new));
            assertEquals(ExitCodes.OK, moved.exitCode(), moved.toString());
            assertEquals(List.of(), tlsData.verify(c.node(0)));
            List<String> check = new ArrayList<>(List.of("check", c.node(1).hostPort()));
            check.addAll(tlsArgs);
            TribRunner.Result checked = trib(check.toArray(String[]::new));
            assertEquals(ExitCodes.OK, checked.exitCode(), checked.toString());
        }
    }

    private RedisNode byId(String id) {
        return Stream.concat(members.stream(), spares.stream()).filter(n -> n.alive() && n.myId().equals(id))
                .findFirst().orElseThrow();
    }
}
