package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.KeySlot;
import dev.trib.planner.topology.NodesParser;
import io.lettuce.core.cluster.RedisClusterClient;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys on bundled nodes: a cluster of six node-servers resharded by trib and by redis-cli, and a mixed cluster of
 * redis-server and node-server masters with slots and keys moving both ways. Keys are read back through lettuce's
 * cluster client; redis-cli --cluster check is the independent oracle.
 */
class NodeServerClusterIT {
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    private static TestCluster create(List<RedisNode> nodes, int replicas) {
        TestCluster c = new TestCluster(nodes);
        List<String> args = new ArrayList<>(List.of("create", "--replicas", Integer.toString(replicas), "--yes"));
        args.addAll(List.of(c.hostPorts()));
        TribRunner.Result r = trib(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        c.awaitHealthy();
        return c;
    }

    private static void assertIntact(TestCluster c, TestData data) {
        List<String> problems = data.verify(c.node(0));
        assertTrue(problems.isEmpty(), problems.subList(0, Math.min(5, problems.size())).toString());
        RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", c.node(0).hostPort());
        assertEquals(0, check.exitCode(), check.output());
    }

    /** Random writes and reads of every type through lettuce's cluster client, checked against a model. */
    private static void mixedOperationsThroughLettuce(RedisNode entry, int operations) {
        RedisClusterClient client = TestData.clusterClient(entry);
        try (var connection = client.connect()) {
            var c = connection.sync();
            Random random = new Random(3);
            Map<String, Long> counters = new HashMap<>();
            Map<String, Set<String>> sets = new HashMap<>();
            Map<String, Map<String, String>> hashes = new HashMap<>();
            for (int i = 0; i < operations; i++) {
                int k = random.nextInt(300);
                switch (random.nextInt(6)) {
                    case 0 -> counters.put("ctr:" + k, c.incr("ctr:" + k));
                    case 1 -> assertEquals(counters.get("ctr:" + k) == null ? null
                            : counters.get("ctr:" + k).toString(), c.get("ctr:" + k));
                    case 2 -> {
                        String m = "m" + random.nextInt(50);
                        c.sadd("set:" + k, m);
                        sets.computeIfAbsent("set:" + k, x -> new HashSet<>()).add(m);
                    }
                    case 3 -> assertEquals(sets.getOrDefault("set:" + k, Set.of()), c.smembers("set:" + k));
                    case 4 -> {
                        String f = "f" + random.nextInt(20);
                        c.hset("hash:" + k, f, "v" + i);
                        hashes.computeIfAbsent("hash:" + k, x -> new HashMap<>()).put(f, "v" + i);
                    }
                    default -> assertEquals(hashes.getOrDefault("hash:" + k, Map.of()),
                            c.hgetall("hash:" + k));
                }
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void sixNodeServersReshardedByTribAndByRedisCliKeepEveryKey() {
        try (TestCluster started = new TestCluster(RedisFixture.startEach(6, HOSTS,
                ip -> RedisFixture.startNodeServer(ip)))) {
            TestCluster cluster = create(started.nodes(), 1);
            TestData data = TestData.load(cluster, 10_000, 0);
            assertIntact(cluster, data);
            mixedOperationsThroughLettuce(cluster.node(0), 10_000);

            String to = cluster.node(0).myself().id();
            TribRunner.Result r = trib("reshard", cluster.node(0).hostPort(), "--from", "all", "--to", to,
                    "--slots", "2000", "--yes", "-q");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertIntact(cluster, data);

            String other = cluster.node(1).myself().id();
            RedisFixture.ProcessResult cli = RedisFixture.redisCli("--cluster", "reshard", cluster.node(0).hostPort(),
                    "--cluster-from", to, "--cluster-to", other, "--cluster-slots", "300", "--cluster-yes");
            assertEquals(0, cli.exitCode(), cli.output());
            cluster.awaitHealthy();
            assertIntact(cluster, data);

            // redis-cli -c follows MOVED from a node that does not own the key's slot.
            String key = data.keys().entrySet().stream().filter(e -> e.getValue().type().equals("string"))
                    .findFirst().orElseThrow().getKey();
            int slot = KeySlot.of(key);
            RedisNode notOwner = cluster.nodes().stream().filter(n -> n.myself().isMaster()
                    && !n.myself().slots().contains(slot)).findFirst().orElseThrow();
            RedisFixture.ProcessResult get = RedisFixture.redisCli("-c", "-h", notOwner.ip(), "-p",
                    Integer.toString(notOwner.port()), "GET", key);
            assertEquals(data.keys().get(key).value(), get.output().trim());
        }
    }

    @Test
    void aMixedClusterMovesKeysFromRedisToNodeServersAndBack() {
        RedisFixture.assumeAvailable();
        List<RedisNode> nodes = new ArrayList<>(RedisFixture.startEach(3, HOSTS, ip -> RedisFixture.start(ip, true)));
        try {
            nodes.addAll(RedisFixture.startEach(3, HOSTS, ip -> RedisFixture.startNodeServer(ip)));
        } catch (RuntimeException e) {
            nodes.forEach(RedisNode::close);
            throw e;
        }
        try (TestCluster started = new TestCluster(nodes)) {
            TestCluster cluster = create(nodes, 0);
            TestData data = TestData.load(cluster, 10_000, 0);
            String redisMaster = cluster.node(0).myself().id();
            String nodeMaster = cluster.node(3).myself().id();

            TribRunner.Result toNode = trib("reshard", cluster.node(0).hostPort(), "--from", redisMaster, "--to",
                    nodeMaster, "--slots", "1000", "--yes", "-q");
            assertEquals(ExitCodes.OK, toNode.exitCode(), toNode.toString());
            assertIntact(cluster, data);
            TribRunner.Result toRedis = trib("reshard", cluster.node(0).hostPort(), "--from", nodeMaster, "--to",
                    redisMaster, "--slots", "1500", "--yes", "-q");
            assertEquals(ExitCodes.OK, toRedis.exitCode(), toRedis.toString());
            assertIntact(cluster, data);

            for (RedisNode n : cluster.nodes()) {
                assertEquals(ExitCodes.OK, trib("check", n.hostPort()).exitCode(), "check from " + n.hostPort());
            }
            ClusterView seenByRedis = NodesParser.parse(cluster.node(0).callString("CLUSTER", "NODES"));
            for (int i = 3; i < 6; i++) {
                ClusterNode nodeServer = seenByRedis.node(cluster.node(i).myself().id()).orElseThrow();
                assertTrue(nodeServer.linkConnected() && nodeServer.isMaster(), nodeServer.toString());
            }
        }
    }
}
