package dev.trib.cli.command;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A rate limiter in EVAL, as applications write it, through lettuce's cluster client against a cluster of bundled
 * nodes: INCR and EXPIRE in one script, routed by its key; of N requests exactly the limit pass, whichever client
 * sends them and however they interleave, the window's TTL is set once, EVALSHA of the loaded script behaves the same,
 * and the counter reaches the key's replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeServerScriptingIT {
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
    private static final String LIMITER = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
            if n > tonumber(ARGV[1]) then return 0 end
            return 1
            """;
    private TestCluster cluster;
    private RedisClusterClient client;

    @BeforeAll
    void createCluster() {
        cluster = new TestCluster(RedisFixture.startEach(6, HOSTS, ip -> RedisFixture.startNodeServer(ip)));
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

    @Test
    void aRateLimiterInEvalLetsExactlyTheLimitThrough() throws Exception {
        String key = "rate:{user:42}";
        int limit = 30;
        int perClient = 50;
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Thread t = new Thread(() -> {
                try (var conn = client.connect()) {
                    for (int i = 0; i < perClient; i++) {
                        Long ok = conn.sync().eval(LIMITER, ScriptOutputType.INTEGER, new String[] {key},
                                Integer.toString(limit), "600");
                        (ok == 1L ? allowed : refused).incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            clients.add(t);
            t.start();
        }
        for (Thread t : clients) {
            t.join(120_000);
        }
        assertEquals(List.of(), failures);
        assertEquals(limit, allowed.get());
        assertEquals(2 * perClient - limit, refused.get());
        try (var conn = client.connect()) {
            assertEquals(Integer.toString(2 * perClient), conn.sync().get(key));
            long ttl = conn.sync().ttl(key);
            assertTrue(ttl > 0 && ttl <= 600, "TTL " + ttl);

            // EVALSHA of the loaded script: a second key's window, the same count.
            String sha = conn.sync().scriptLoad(LIMITER);
            String other = "rate:{user:7}";
            int passed = 0;
            for (int i = 0; i < 12; i++) {
                Long ok = conn.sync().evalsha(sha, ScriptOutputType.INTEGER, new String[] {other}, "5", "600");
                passed += ok.intValue();
            }
            assertEquals(5, passed);
            assertEquals("12", conn.sync().get(other));

            // The script's effects reached the replica of the key's master.
            var replica = conn.getPartitions().getPartitionBySlot(io.lettuce.core.cluster.SlotHash.getSlot(key));
            String masterId = replica.getNodeId();
            var replicaNode = conn.getPartitions().stream()
                    .filter(n -> masterId.equals(n.getSlaveOf())).findFirst().orElseThrow();
            var onReplica = conn.getConnection(replicaNode.getNodeId());
            onReplica.sync().readOnly();
            Poll.until(Duration.ofSeconds(30), "the counter on the replica",
                    () -> Integer.toString(2 * perClient).equals(onReplica.sync().get(key)));
            assertTrue(onReplica.sync().ttl(key) > 0);
        }
    }
}
