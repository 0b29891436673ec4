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

import java.nio.charset.StandardCharsets;
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
            // One key of every type and encoding in a slot that goes to the node-server master and comes back.
            List<String> typed = oneKeyOfEveryType(cluster.node(0), tagInLowestSlots(cluster.node(0), 1000));
            Map<String, String> asWritten = picture(cluster.node(0), typed);

            TribRunner.Result toNode = trib("reshard", cluster.node(0).hostPort(), "--from", redisMaster, "--to",
                    nodeMaster, "--slots", "1000", "--yes", "-q");
            assertEquals(ExitCodes.OK, toNode.exitCode(), toNode.toString());
            assertIntact(cluster, data);
            assertEquals(asWritten, picture(cluster.node(3), typed), "on the node-server master");
            TribRunner.Result toRedis = trib("reshard", cluster.node(0).hostPort(), "--from", nodeMaster, "--to",
                    redisMaster, "--slots", "1500", "--yes", "-q");
            assertEquals(ExitCodes.OK, toRedis.exitCode(), toRedis.toString());
            assertIntact(cluster, data);
            assertEquals(asWritten, picture(cluster.node(0), typed), "back on the redis-server master");

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

    /** A hash tag whose slot is among the node's {@code count} lowest (reshard gives a source's lowest slots first). */
    private static String tagInLowestSlots(RedisNode node, int count) {
        int[] slots = node.myself().slots().toArray();
        for (int i = 0; ; i++) {
            int slot = KeySlot.of(("e" + i).getBytes(StandardCharsets.UTF_8));
            if (slot >= slots[0] && slot <= slots[count - 1]) {
                return "e" + i;
            }
        }
    }

    /**
     * Strings (int, embstr, raw, a bitmap, one with a TTL), a list, sets (intset, hashtable), hashes and sorted sets
     * (listpack and hashtable/skiplist), a stream with a consumer group and pending entries, HyperLogLogs (sparse and
     * dense) and a geo set, all under one hash tag.
     */
    private static List<String> oneKeyOfEveryType(RedisNode n, String tag) {
        String p = "{" + tag + "}";
        n.call("SET", p + "int", "12345");
        n.call("SET", p + "embstr", "hello");
        n.call("SET", p + "raw", "r".repeat(100));
        n.call("SETBIT", p + "bits", "100", "1");
        n.call("SET", p + "ttl", "v", "PX", "600000");
        n.call("RPUSH", p + "list", "a", "b", "c", "1", "2");
        n.call("SADD", p + "intset", "1", "2", "3");
        n.call("SADD", p + "set", "a", "b", "c");
        n.call("HSET", p + "hash", "f1", "v1", "f2", "v2");
        n.call("ZADD", p + "zset", "1", "a", "2.5", "b");
        List<Object> bigHash = new ArrayList<>(List.of("HSET", p + "bighash"));
        List<Object> bigZset = new ArrayList<>(List.of("ZADD", p + "bigzset"));
        List<Object> dense = new ArrayList<>(List.of("PFADD", p + "densehll"));
        for (int i = 0; i < 200; i++) {
            bigHash.addAll(List.of("f" + i, "v" + i));
            bigZset.addAll(List.of(Integer.toString(i), "m" + i));
        }
        for (int i = 0; i < 5000; i++) {
            dense.add("e" + i);
        }
        n.call(bigHash.toArray());
        n.call(bigZset.toArray());
        n.call(dense.toArray());
        n.call("PFADD", p + "hll", "x", "y", "z");
        n.call("GEOADD", p + "geo", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania");
        for (int i = 1; i <= 5; i++) {
            n.call("XADD", p + "stream", i + "-0", "job", "j" + i);
        }
        n.call("XGROUP", "CREATE", p + "stream", "g", "0");
        n.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", p + "stream", ">");
        return List.of("int", "embstr", "raw", "bits", "ttl", "list", "intset", "set", "hash", "zset", "bighash",
                "bigzset", "densehll", "hll", "geo", "stream").stream().map(k -> p + k).toList();
    }

    /** Each key's type, encoding, whether it has a TTL, and its contents in a canonical order. */
    private static Map<String, String> picture(RedisNode n, List<String> keys) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            String type = n.callString("TYPE", key);
            Object contents = switch (type) {
                case "string" -> n.call("GET", key);
                case "list" -> n.call("LRANGE", key, "0", "-1");
                case "set" -> new java.util.TreeSet<>(((List<?>) n.call("SMEMBERS", key)).stream()
                        .map(String::valueOf).toList());
                case "hash" -> new java.util.TreeMap<>(pairs((List<?>) n.call("HGETALL", key)));
                case "zset" -> n.call("ZRANGE", key, "0", "-1", "WITHSCORES");
                case "stream" -> n.call("XINFO", "STREAM", key, "FULL") + " " + n.call("XRANGE", key, "-", "+");
                default -> "?";
            };
            long ttl = (Long) n.call("PTTL", key);
            // A string edited in place (SETBIT, PFADD) is raw where it was edited and embstr wherever RESTORE
            // brought it, between two redis-servers too: its encoding is not part of the picture.
            Object encoding = key.endsWith("bits") || key.endsWith("hll") ? "-" : n.call("OBJECT", "ENCODING", key);
            out.put(key, type + " " + encoding + (ttl > 0 ? " ttl " : " persistent ") + contents);
        }
        return out;
    }

    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return m;
    }
}
