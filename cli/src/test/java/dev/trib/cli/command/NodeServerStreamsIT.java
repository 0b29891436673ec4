package dev.trib.cli.command;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.KeySlot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Streams in a mixed cluster: streams with consumer groups, pending entries and consumers, written on a
 * redis-server master, move to a node-server master when trib reshards their slot (MIGRATE from redis-server,
 * RESTORE-ASKING on the node) and back again (MIGRATE from the node), arriving identical each time (XINFO STREAM
 * FULL with its times, XRANGE, XPENDING), and a consumer group keeps working on the node-server.
 */
class NodeServerStreamsIT {
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
    /** Slots each reshard moves: the source's lowest ones, the streams' among them. */
    private static final int MOVED = 100;

    @Test
    void streamsMoveFromRedisToNodeServerAndBack() {
        RedisFixture.assumeAvailable();
        List<RedisNode> nodes = new ArrayList<>(RedisFixture.startEach(3, HOSTS, ip -> RedisFixture.start(ip, true)));
        try {
            nodes.addAll(RedisFixture.startEach(3, HOSTS, ip -> RedisFixture.startNodeServer(ip)));
        } catch (RuntimeException e) {
            nodes.forEach(RedisNode::close);
            throw e;
        }
        try (TestCluster cluster = new TestCluster(nodes)) {
            List<String> args = new ArrayList<>(List.of("create", "--replicas", "0", "--yes"));
            args.addAll(List.of(cluster.hostPorts()));
            TribRunner.Result created = trib(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, created.exitCode(), created.toString());
            cluster.awaitHealthy();
            RedisNode redis = cluster.node(0);
            RedisNode nodeServer = cluster.node(3);
            String tag = tagOwnedBy(redis);
            List<String> keys = List.of("{" + tag + "}big", "{" + tag + "}jobs", "{" + tag + "}emptied");
            fill(redis, keys);
            Map<String, String> before = picture(redis, keys);
            assertTrue(before.get(keys.get(1)).contains("alice"), before.toString());

            int slot = KeySlot.of(tag.getBytes(StandardCharsets.UTF_8));
            reshard(redis, nodeServer, cluster);
            assertTrue(nodeServer.myself().slots().contains(slot), "slot " + slot + " moved to the node-server");
            assertEquals(before, picture(nodeServer, keys));
            // the group goes on working on the node-server
            assertEquals(3L, nodeServer.call("XACK", keys.get(1), "workers", "5-0", "6-0", "7-0"));
            nodeServer.call("XADD", keys.get(1), "100-0", "job", "late");
            Object read = nodeServer.call("XREADGROUP", "GROUP", "workers", "carol", "STREAMS", keys.get(1), ">");
            assertTrue(read.toString().contains("late"), String.valueOf(read));
            Map<String, String> onNode = picture(nodeServer, keys);

            reshard(nodeServer, redis, cluster);
            assertTrue(redis.myself().slots().contains(slot), "slot " + slot + " back on redis-server");
            assertEquals(onNode, picture(redis, keys));
            RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", redis.hostPort());
            assertEquals(0, check.exitCode(), check.output());
        }
    }

    /**
     * A job queue on a consumer group, the way applications run one, on a cluster of bundled nodes with replicas:
     * through lettuce's cluster client, three workers block in XREADGROUP and acknowledge 300 jobs, each handled
     * once; then redis-py's cluster client (RESP3; it asks COMMAND GETKEYS for XREADGROUP's keys) runs a producer, a
     * blocking consumer and an XAUTOCLAIM of a crashed consumer's job.
     */
    @Test
    void aConsumerGroupJobQueueOnBundledNodes() throws Exception {
        RedisFixture.assumeAvailable();
        try (TestCluster cluster = new TestCluster(RedisFixture.startEach(6, HOSTS, RedisFixture::startNodeServer))) {
            List<String> args = new ArrayList<>(List.of("create", "--replicas", "1", "--yes", "-q"));
            args.addAll(List.of(cluster.hostPorts()));
            TribRunner.Result created = trib(args.toArray(String[]::new));
            assertEquals(ExitCodes.OK, created.exitCode(), created.toString());
            cluster.awaitHealthy();
            io.lettuce.core.cluster.RedisClusterClient client =
                    dev.trib.commands.fixture.TestData.clusterClient(cluster.node(0));
            String key = "jobs:{queue}";
            java.util.Set<String> handled = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
            try (var producer = client.connect()) {
                producer.sync().xgroupCreate(io.lettuce.core.XReadArgs.StreamOffset.from(key, "$"), "workers",
                        io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
                List<Thread> workers = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    String name = "worker-" + w;
                    Thread t = new Thread(() -> {
                        try (var own = client.connect()) {
                            var c = own.sync();
                            while (handled.size() < 300) {
                                var got = c.xreadgroup(io.lettuce.core.Consumer.from("workers", name),
                                        io.lettuce.core.XReadArgs.Builder.block(500).count(10),
                                        io.lettuce.core.XReadArgs.StreamOffset.lastConsumed(key));
                                for (var m : got) {
                                    if (!handled.add(m.getBody().get("job"))) {
                                        duplicates.incrementAndGet();
                                    }
                                    c.xack(key, "workers", m.getId());
                                }
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    });
                    workers.add(t);
                    t.start();
                }
                for (int i = 0; i < 300; i++) {
                    producer.sync().xadd(key, Map.of("job", "j" + i));
                }
                for (Thread t : workers) {
                    t.join(60_000);
                }
                assertEquals(List.of(), failures);
                assertEquals(300, handled.size());
                assertEquals(0, duplicates.get());
                assertEquals(0L, producer.sync().xpending(key, "workers").getCount());
                assertEquals(300L, producer.sync().xlen(key));
            } finally {
                client.shutdown();
            }
            // The same queue from redis-py, where .ci/run installs it.
            Assumptions.assumeTrue(RedisPyApplicationsIT.redisPyPresent(),
                    "*** python3 with redis-py (pip install redis) is not available: the redis-py half SKIPPED ***");
            RedisNode entry = cluster.node(0);
            String script = String.join("\n",
                    "import redis, threading, time",
                    "from redis.cluster import RedisCluster",
                    "rc = RedisCluster(host='" + entry.ip() + "', port=" + entry.port() + ", decode_responses=True)",
                    "k = 'py:{stream}'",
                    "rc.xgroup_create(k, 'g', id='$', mkstream=True)",
                    "out = {}",
                    "def consume():",
                    "    c = RedisCluster(host='" + entry.ip() + "', port=" + entry.port() + ", decode_responses=True)",
                    "    out['read'] = c.xreadgroup('g', 'alice', {k: '>'}, count=1, block=10000)",
                    "t = threading.Thread(target=consume); t.start(); time.sleep(0.5)",
                    "rc.xadd(k, {'job': 'first'}); t.join()",
                    "print('read', out['read'][0][1][0][1]['job'])",
                    "rc.xadd(k, {'job': 'second'})",
                    "print('crashed', rc.xreadgroup('g', 'bob', {k: '>'}, count=1)[0][1][0][1]['job'])",
                    "claimed = rc.xautoclaim(k, 'g', 'carol', 0, '0-0', count=10)",
                    "print('claimed', sorted(e[1]['job'] for e in claimed[1]))",
                    "print('pending', rc.xpending(k, 'g')['pending'])",
                    "print('read-any', rc.xread({k: '0'})[0][1][1][1]['job'])");
            Process p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("read first\ncrashed second\nclaimed ['first', 'second']\npending 2\nread-any second\n",
                    output, output);
        }
    }

    /** A hash tag whose slot is among the node's lowest {@value #MOVED} (reshard gives its lowest slots first). */
    private static String tagOwnedBy(RedisNode node) {
        int[] slots = node.myself().slots().toArray();
        for (int i = 0; ; i++) {
            int slot = KeySlot.of(("t" + i).getBytes(StandardCharsets.UTF_8));
            if (slot >= slots[0] && slot <= slots[MOVED - 1]) {
                return "t" + i;
            }
        }
    }

    private static void fill(RedisNode n, List<String> keys) {
        for (int i = 1; i <= 250; i++) {
            n.call("XADD", keys.get(0), i + "-1", "field", "value " + i);
        }
        n.call("XDEL", keys.get(0), "7-1", "120-1");
        n.call("XTRIM", keys.get(0), "MAXLEN", "~", "200");
        for (int i = 1; i <= 30; i++) {
            n.call("XADD", keys.get(1), i + "-0", "job", "j" + i);
        }
        n.call("XGROUP", "CREATE", keys.get(1), "workers", "0");
        n.call("XGROUP", "CREATE", keys.get(1), "audit", "$");
        n.call("XREADGROUP", "GROUP", "workers", "alice", "COUNT", "5", "STREAMS", keys.get(1), ">");
        n.call("XREADGROUP", "GROUP", "workers", "bob", "COUNT", "5", "STREAMS", keys.get(1), ">");
        n.call("XACK", keys.get(1), "workers", "1-0");
        n.call("XADD", keys.get(2), "1-1", "f", "v");
        n.call("XDEL", keys.get(2), "1-1");
    }

    private static Map<String, String> picture(RedisNode n, List<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys) {
            out.put(key, n.call("XINFO", "STREAM", key, "FULL", "COUNT", "0") + " | " + n.call("XRANGE", key, "-", "+")
                    + " | " + n.call("XINFO", "GROUPS", key));
        }
        return out;
    }

    /** Moves the {@value #MOVED} lowest slots of {@code from} to {@code to} with trib reshard. */
    private static void reshard(RedisNode from, RedisNode to, TestCluster cluster) {
        TribRunner.Result r = trib("reshard", from.hostPort(), "--from", from.myself().id(), "--to",
                to.myself().id(), "--slots", Integer.toString(MOVED), "--yes", "-q");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        cluster.awaitHealthy();
    }
}
