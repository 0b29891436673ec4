package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an application does with a cluster of bundled nodes, through lettuce's cluster client (which negotiates
 * RESP3 with them, as with redis-server): a pub/sub fan-out (every subscriber, on whichever node it landed, gets
 * every message in order), sharded pub/sub routed by slot, optimistic updates with WATCH/MULTI/EXEC on the key's
 * master, and a job queue on BLPOP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeServerApplicationsIT {
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
    private TestCluster cluster;
    private RedisClusterClient client;

    @BeforeAll
    void createCluster() {
        TestCluster started = new TestCluster(RedisFixture.startEach(6, HOSTS, ip -> RedisFixture.startNodeServer(ip)));
        cluster = started;
        List<String> args = new ArrayList<>(List.of("create", "--replicas", "1", "--yes", "-q"));
        args.addAll(List.of(cluster.hostPorts()));
        TribRunner.Result r = trib(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        cluster.awaitHealthy();
        client = TestData.clusterClient(cluster.node(0));
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.shutdown();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Collects what a pub/sub connection receives: "channel=message" or "pattern:channel=message". */
    private static final class Inbox extends RedisPubSubAdapter<String, String> {
        final List<String> got = new CopyOnWriteArrayList<>();

        @Override
        public void message(String channel, String message) {
            got.add(channel + "=" + message);
        }

        @Override
        public void message(String pattern, String channel, String message) {
            got.add(pattern + ":" + channel + "=" + message);
        }
    }

    @Test
    void aFanOutReachesEverySubscriberInOrder() {
        List<StatefulRedisClusterPubSubConnection<String, String>> subscribers = new ArrayList<>();
        List<Inbox> inboxes = new ArrayList<>();
        try (var publisher = client.connect()) {
            for (int i = 0; i < 3; i++) {
                StatefulRedisClusterPubSubConnection<String, String> s = client.connectPubSub();
                Inbox inbox = new Inbox();
                s.addListener(inbox);
                if (i < 2) {
                    s.sync().subscribe("orders");
                } else {
                    s.sync().psubscribe("ord*");
                }
                subscribers.add(s);
                inboxes.add(inbox);
            }
            List<String> expected = new ArrayList<>();
            List<String> expectedByPattern = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                publisher.sync().publish("orders", "order-" + i);
                expected.add("orders=order-" + i);
                expectedByPattern.add("ord*:orders=order-" + i);
            }
            Poll.until(Duration.ofSeconds(30), "every subscriber to get all 100 messages", () ->
                    inboxes.stream().allMatch(in -> in.got.size() >= 100));
            assertEquals(expected, inboxes.get(0).got);
            assertEquals(expected, inboxes.get(1).got);
            assertEquals(expectedByPattern, inboxes.get(2).got);
        } finally {
            subscribers.forEach(StatefulRedisClusterPubSubConnection::close);
        }
    }

    /** A connection to the master serving the key, as an application does for a transaction in a cluster. */
    private static io.lettuce.core.api.StatefulRedisConnection<String, String> ownerOf(
            io.lettuce.core.cluster.api.StatefulRedisClusterConnection<String, String> cluster, String key) {
        String nodeId = cluster.getPartitions().getPartitionBySlot(io.lettuce.core.cluster.SlotHash.getSlot(key))
                .getNodeId();
        return cluster.getConnection(nodeId);
    }

    @Test
    void optimisticUpdatesWithWatchMultiExec() throws Exception {
        String key = "stock:{sku42}";
        try (var clusterConnection = client.connect()) {
            clusterConnection.sync().set(key, "0");
            var conn = ownerOf(clusterConnection, key);
            // A write by someone else between WATCH and EXEC discards the transaction.
            conn.sync().watch(key);
            clusterConnection.sync().set(key, "5");
            conn.sync().multi();
            conn.sync().incr(key);
            assertEquals(true, conn.sync().exec().wasDiscarded());
            assertEquals("5", clusterConnection.sync().get(key));

            // Two workers increment through retry loops: every increment lands exactly once.
            List<Thread> workers = new ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            for (int w = 0; w < 2; w++) {
                Thread t = new Thread(() -> {
                    try (var own = client.connect()) {
                        var c = ownerOf(own, key).sync();
                        for (int i = 0; i < 50; i++) {
                            while (true) {
                                c.watch(key);
                                long value = Long.parseLong(c.get(key));
                                c.multi();
                                c.set(key, Long.toString(value + 1));
                                if (!c.exec().wasDiscarded()) {
                                    break;
                                }
                                retries.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                workers.add(t);
                t.start();
            }
            for (Thread t : workers) {
                t.join(60_000);
            }
            assertEquals(List.of(), failures);
            assertEquals("105", clusterConnection.sync().get(key), retries.get() + " retries");
        }
    }

    @Test
    void shardedMessagesGoToTheSlotsNodes() {
        try (var publisher = client.connect(); var subscriber = client.connectPubSub()) {
            List<String> got = new CopyOnWriteArrayList<>();
            subscriber.addListener(new RedisPubSubAdapter<String, String>() {
                @Override
                public void smessage(String channel, String message) {
                    got.add(channel + "=" + message);
                }
            });
            // lettuce sends SSUBSCRIBE to the node serving the channel's slot; SPUBLISH goes there too.
            subscriber.sync().ssubscribe("cart:{user7}");
            for (int i = 0; i < 20; i++) {
                assertEquals(1L, publisher.sync().spublish("cart:{user7}", "item-" + i));
            }
            Poll.until(Duration.ofSeconds(30), "20 shard messages", () -> got.size() >= 20);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("cart:{user7}=item-" + i);
            }
            assertEquals(expected, got);
        }
    }

    @Test
    void lettuceSpeaksResp3WithBundledNodes() {
        try (var connection = client.connect()) {
            String info = ownerOf(connection, "any").sync().clientInfo();
            assertTrue(info.contains(" resp=3"), info);
        }
    }

    /** Workers wait in BLPOP before any job exists; 300 jobs pushed in batches each reach exactly one worker. */
    @Test
    void aJobQueueOnBlpopHandsEachJobToOneWorker() throws Exception {
        String queue = "jobs:{video}";
        int workers = 3;
        List<Long> done = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                try (var own = client.connect()) {
                    while (true) {
                        var item = own.sync().blpop(10, queue);
                        if (item == null) {
                            failures.add(new AssertionError("a worker waited 10 s for a job"));
                            return;
                        }
                        if (item.getValue().equals("stop")) {
                            return;
                        }
                        done.add(Long.parseLong(item.getValue()));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        try (var producer = client.connect()) {
            var owner = ownerOf(producer, queue).sync();
            Poll.until(Duration.ofSeconds(30), workers + " workers blocked in BLPOP", () ->
                    owner.info("clients").contains("blocked_clients:" + workers));
            for (int start = 0; start < 300; start += 50) {
                String[] batch = new String[50];
                for (int i = 0; i < 50; i++) {
                    batch[i] = Integer.toString(start + i);
                }
                producer.sync().rpush(queue, batch);
            }
            producer.sync().rpush(queue, "stop", "stop", "stop");
            for (Thread t : threads) {
                t.join(60_000);
            }
            assertEquals(List.of(), failures);
            List<Long> sorted = new ArrayList<>(done);
            java.util.Collections.sort(sorted);
            List<Long> expected = new ArrayList<>();
            for (long i = 0; i < 300; i++) {
                expected.add(i);
            }
            assertEquals(expected, sorted, "each job exactly once");
            assertEquals(0L, producer.sync().llen(queue));
        }
    }
}
