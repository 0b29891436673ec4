package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.consistency.ConsistencyTest;
import dev.trib.commands.fixture.ConsistencyLoad;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * node-server's high availability on real processes: a killed master is replaced by its replica
 * and comes back as a replica; manual failover (default, FORCE, TAKEOVER) under load; a minority
 * stops taking writes; and elections across node-server and redis-server in one cluster.
 */
class NodeServerFailoverIT {
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
    private static final long NODE_TIMEOUT = 2000;
    private static final String[] TIMEOUT_ARGS = {"--cluster-node-timeout", Long.toString(NODE_TIMEOUT)};

    private static RedisNode byId(TestCluster c, String id) {
        return c.nodes().stream().filter(n -> n.alive() && n.myId().equals(id)).findFirst().orElseThrow();
    }

    private static RedisNode firstReplica(TestCluster c) {
        return c.nodes().stream().filter(n -> n.alive() && n.myself().isReplica()).findFirst().orElseThrow();
    }

    private static TestCluster nodeServers(int count) {
        List<RedisNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                nodes.add(RedisFixture.startNodeServer(HOSTS.get(i % HOSTS.size()), TIMEOUT_ARGS));
            }
        } catch (RuntimeException e) {
            nodes.forEach(RedisNode::close);
            throw e;
        }
        return create(new TestCluster(nodes), 1);
    }

    /** Creates the cluster; when that fails the nodes are stopped before the failure is thrown. */
    private static TestCluster create(TestCluster c, int replicas) {
        try {
            List<String> args = new ArrayList<>(List.of("create", "--replicas", Integer.toString(replicas), "--yes"));
            args.addAll(List.of(c.hostPorts()));
            TribRunner.Result r = trib(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            c.awaitHealthy();
            awaitLinksUp(c);
            return c;
        } catch (RuntimeException | AssertionError e) {
            c.close();
            throw e;
        }
    }

    private static void awaitLinksUp(TestCluster c) {
        Poll.until(Duration.ofSeconds(30), "replication links up", () -> c.nodes().stream()
                .filter(n -> n.alive() && n.myself().isReplica())
                .allMatch(n -> n.callString("INFO", "replication").contains("master_link_status:up")));
    }

    private static boolean stateOk(TestCluster c) {
        return c.nodes().stream().filter(RedisNode::alive).allMatch(n -> "ok".equals(n.clusterInfo("cluster_state")));
    }

    @Test
    void aKilledMasterIsReplacedWithinTheTimeoutAndRejoinsAsAReplica() throws Exception {
        RedisFixture.assumeRedisCli();
        try (TestCluster c = nodeServers(6); ConsistencyLoad load = new ConsistencyLoad(c.node(0), 200, "ha:")) {
            load.awaitWrites(500);
            RedisNode replica = firstReplica(c);
            RedisNode master = byId(c, replica.myself().masterId().orElseThrow());
            long killed = System.nanoTime();
            master.kill();
            Poll.until(Duration.ofMillis(NODE_TIMEOUT + 10_000), "the replica to take over",
                    () -> replica.myself().isMaster() && stateOk(c));
            long tookMs = (System.nanoTime() - killed) / 1_000_000;
            System.out.println("node-server failover: cluster_state:ok " + tookMs + " ms after kill -9 (node timeout "
                    + NODE_TIMEOUT + " ms)");
            assertTrue(tookMs <= NODE_TIMEOUT + 3000, "cluster_state:ok came back after " + tookMs + " ms");
            assertTrue(Files.readString(replica.dir().resolve("redis.log"))
                    .contains("Failover election won: I'm the new master."));

            // After the switch, operations succeed again and no value was ever unexpected. The checker is a real
            // application client (lettuce): the first call it still routes to the dead master fails and makes it
            // reload the slot map (at most every 100 ms), so it is given a few writes to do that first.
            load.awaitWrites(50);
            ConsistencyTest.Stats atRecovery = load.now();
            load.awaitWrites(500);
            ConsistencyTest.Stats after = load.now();
            assertEquals(atRecovery.writeErrors(), after.writeErrors(), "write errors after recovery");

            master.restart();
            Poll.until(Duration.ofSeconds(20), "the old master to follow the new one", () ->
                    master.myself().isReplica() && master.myself().masterId().orElseThrow().equals(replica.myId())
                            && master.callString("INFO", "replication").contains("master_link_status:up"));
            ConsistencyTest.Stats total = load.stop();
            assertEquals(0, total.unexpected(), String.valueOf(load.anomalies()));
            assertEquals(0, RedisFixture.redisCli("--cluster", "check", replica.hostPort()).exitCode());
            // The returned node holds the new master's data.
            Poll.until(Duration.ofSeconds(10), "same key count", () ->
                    master.call("DBSIZE").equals(replica.call("DBSIZE")));
        }
    }

    @Test
    void manualFailoverForceAndTakeoverUnderLoad() throws Exception {
        RedisFixture.assumeRedisCli();
        try (TestCluster c = nodeServers(6); ConsistencyLoad load = new ConsistencyLoad(c.node(0), 200, "ha:")) {
            load.awaitWrites(300);
            // Default: the master pauses writes until its replica has every byte, so nothing acknowledged is lost.
            RedisNode replica = firstReplica(c);
            String oldMaster = replica.myself().masterId().orElseThrow();
            TribRunner.Result r = trib("failover", replica.hostPort(), "--yes");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(replica.myself().isMaster());
            String log = Files.readString(replica.dir().resolve("redis.log"));
            for (String step : List.of("Manual failover user request accepted.",
                    "Received replication offset for paused master manual failover:",
                    "All master replication stream processed, manual failover can start.",
                    "Failover election won: I'm the new master.")) {
                assertTrue(log.contains(step), "missing log line: " + step);
            }
            Poll.until(Duration.ofSeconds(10), "the old master to become a replica",
                    () -> byId(c, oldMaster).myself().isReplica());
            load.awaitWrites(300);
            ConsistencyTest.Stats stats = load.stop();
            assertEquals(0, stats.lost(), String.valueOf(load.anomalies()));
            assertEquals(0, stats.unexpected(), String.valueOf(load.anomalies()));

            // FORCE: the master is dead and not yet marked failed; the replica is elected anyway.
            awaitLinksUp(c);
            RedisNode forced = firstReplica(c);
            byId(c, forced.myself().masterId().orElseThrow()).kill();
            assertEquals("OK", forced.call("CLUSTER", "FAILOVER", "FORCE"));
            Poll.until(Duration.ofSeconds(15), "FORCE to promote", () -> forced.myself().isMaster());

            // TAKEOVER: with the other masters stopped there is no majority to vote; the replica takes over alone.
            RedisNode taker = firstReplica(c);
            String takerMaster = taker.myself().masterId().orElseThrow();
            List<RedisNode> stopped = c.nodes().stream()
                    .filter(n -> n.alive() && n.myself().isMaster()).toList();
            stopped.forEach(RedisNode::pause);
            try {
                assertEquals("OK", taker.call("CLUSTER", "FAILOVER", "TAKEOVER"));
                ClusterNode me = taker.myself();
                assertTrue(me.isMaster() && !me.slots().isEmpty(), me.toString());
            } finally {
                stopped.forEach(RedisNode::resume);
            }
            Poll.until(Duration.ofSeconds(15), "the old master to follow the taker",
                    () -> byId(c, takerMaster).myself().isReplica());
        }
    }

    @Test
    void aMinorityStopsAcceptingWritesAfterTheNodeTimeout() {
        try (TestCluster c = nodeServers(6)) {
            List<RedisNode> masters = c.nodes().stream().filter(n -> n.myself().isMaster()).toList();
            RedisNode alone = masters.get(0);
            String key = keyServedBy(alone);
            assertEquals("OK", alone.call("SET", key, "before"));
            // Everyone but one master is stopped: it can no longer reach a majority of masters.
            List<RedisNode> others = c.nodes().stream().filter(n -> n != alone).toList();
            others.forEach(RedisNode::pause);
            try {
                Poll.until(Duration.ofMillis(NODE_TIMEOUT * 3 + 5000), "the minority to go down",
                        () -> "fail".equals(alone.clusterInfo("cluster_state")));
                Object refused = alone.call("SET", key, "during");
                assertTrue(String.valueOf(refused).contains("CLUSTERDOWN The cluster is down"), String.valueOf(refused));
            } finally {
                others.forEach(RedisNode::resume);
            }
            Poll.until(Duration.ofSeconds(20), "the cluster to heal", () -> stateOk(c));
            assertEquals("before", alone.call("GET", key));
        }
    }

    @Test
    void waitReadonlyPartialResyncAndReplicaMigration() throws Exception {
        // 7 nodes: three masters, one of them with two replicas.
        try (TestCluster c = nodeServers(7)) {
            dev.trib.planner.topology.ClusterView view = NodesParser.parse(c.node(0).callString("CLUSTER", "NODES"));
            ClusterNode rich = view.masters().stream().filter(m -> view.replicasOf(m.id()).size() == 2).findFirst()
                    .orElseThrow();
            RedisNode master = byId(c, rich.id());
            RedisNode replica = byId(c, view.replicasOf(rich.id()).get(0).id());
            String key = keyServedBy(master);

            // WAIT counts the replicas that acknowledged the write; a READONLY replica serves the read.
            try (dev.trib.commands.fixture.Resp r = dev.trib.commands.fixture.Resp.to(master, 5000)) {
                assertEquals("OK", r.call("SET", key, "replicated"));
                assertEquals(2L, r.call("WAIT", 2, 5000));
            }
            try (dev.trib.commands.fixture.Resp r = dev.trib.commands.fixture.Resp.to(replica, 5000)) {
                assertTrue(String.valueOf(r.call("GET", key)).contains("MOVED"));
                assertEquals("OK", r.call("READONLY"));
                assertEquals("replicated", r.call("GET", key));
            }

            // A dropped link continues from the backlog instead of copying everything again.
            assertEquals(1L, replica.call("CLIENT", "KILL", "TYPE", "master"));
            assertEquals("OK", master.call("SET", key, "after-drop"));
            Poll.until(Duration.ofSeconds(15), "the link to come back", () ->
                    replica.callString("INFO", "replication").contains("master_link_status:up"));
            assertTrue(Files.readString(replica.dir().resolve("redis.log"))
                    .contains("Successful partial resynchronization with master."));
            // The master logs its acceptance after sending +CONTINUE (as redis-server): the replica may be up first.
            Poll.until(Duration.ofSeconds(10), "the master to log the partial resynchronization", () ->
                    Files.readString(master.dir().resolve("redis.log")).contains("Partial resynchronization request"));
            try (dev.trib.commands.fixture.Resp r = dev.trib.commands.fixture.Resp.to(replica, 5000)) {
                r.call("READONLY");
                Poll.until(Duration.ofSeconds(5), "the write after the drop", () -> {
                    try {
                        return "after-drop".equals(r.call("GET", key));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }

            // A master left without replicas gets one of the two from the richest master.
            ClusterNode poor = view.masters().stream().filter(m -> view.replicasOf(m.id()).size() == 1).findFirst()
                    .orElseThrow();
            byId(c, view.replicasOf(poor.id()).get(0).id()).kill();
            Poll.until(Duration.ofSeconds(30), "a replica to migrate to the orphaned master", () -> {
                dev.trib.planner.topology.ClusterView now = NodesParser.parse(master.callString("CLUSTER", "NODES"));
                return now.replicasOf(poor.id()).stream().anyMatch(n -> !n.isFailing());
            });
        }
    }

    /** A key whose slot the node serves. */
    private static String keyServedBy(RedisNode node) {
        ClusterNode me = node.myself();
        for (int i = 0; ; i++) {
            String key = "minority:" + i;
            long slot = (Long) node.call("CLUSTER", "KEYSLOT", key);
            if (me.slots().contains((int) slot)) {
                return key;
            }
        }
    }

    @Test
    void electionsAcrossNodeServerAndRedisServer() {
        RedisFixture.assumeAvailable();
        // A node-server replica elected by redis-server masters, then a redis-server replica by node-server masters.
        for (boolean nodeServerReplica : new boolean[] {true, false}) {
            List<RedisNode> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    nodes.add(nodeServerReplica ? RedisFixture.start(HOSTS.get(i), true, TIMEOUT_ARGS)
                            : RedisFixture.startNodeServer(HOSTS.get(i), TIMEOUT_ARGS));
                }
                for (int i = 0; i < 3; i++) {
                    nodes.add(nodeServerReplica ? RedisFixture.startNodeServer(HOSTS.get((i + 1) % 3), TIMEOUT_ARGS)
                            : RedisFixture.start(HOSTS.get((i + 1) % 3), true, TIMEOUT_ARGS));
                }
            } catch (RuntimeException e) {
                nodes.forEach(RedisNode::close);
                throw e;
            }
            try (TestCluster c = create(new TestCluster(nodes), 1)) {
                for (int i = 0; i < 100; i++) {
                    c.redisCli("-c", "-h", c.node(0).ip(), "-p", Integer.toString(c.node(0).port()), "SET",
                            "mixed:" + i, Integer.toString(i));
                }
                RedisNode replica = nodes.subList(3, 6).stream().filter(n -> n.myself().isReplica()).findFirst()
                        .orElseThrow();
                RedisNode master = byId(c, replica.myself().masterId().orElseThrow());
                Poll.until(Duration.ofSeconds(10), "the replica to catch up", () -> replica.call("DBSIZE")
                        .equals(master.call("DBSIZE")));
                master.kill();
                Poll.until(Duration.ofMillis(NODE_TIMEOUT + 10_000), "the replica to be elected",
                        () -> replica.myself().isMaster() && stateOk(c));
                for (int i = 0; i < 100; i++) {
                    RedisFixture.ProcessResult get = c.redisCli("-c", "-h", replica.ip(), "-p",
                            Integer.toString(replica.port()), "GET", "mixed:" + i);
                    assertEquals(Integer.toString(i), get.output().trim(), "mixed:" + i);
                }
            }
        }
    }
}
