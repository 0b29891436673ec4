package dev.trib.node.command.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.SideBySide;
import dev.trib.node.support.RespTestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A standalone master's PUBLISH reaches its replicas (Redis puts it on the replication stream, not in the AOF), so
 * a subscriber connected to a replica gets the master's messages.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PublishReplicationTest {
    private static final String HOST = "127.0.0.1";

    @Test
    void publishReachesTheReplicationStreamAsFromRedis() throws Exception {
        try (SideBySide both = SideBySide.standalone("--repl-diskless-sync", "no")) {
            both.assertSameReplicaStream(PublishReplicationTest::publishes, "PUBLISH");
        }
    }

    private static void publishes(String host, int port) throws Exception {
        try (RespTestClient c = new RespTestClient(host, port)) {
            c.call("SET", "a", "1");
            c.call("PUBLISH", "news", "hello");
            c.call("SPUBLISH", "orders", "o-1");
            c.call("PUBLISH", "nobody-listens", "still sent");
            c.call("SET", "b", "2");
        }
    }

    /** node-server replicates only in cluster mode itself, so the replica here is a redis-server. */
    @Test
    void aReplicasSubscriberGetsTheMastersMessages() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: PUBLISH replication test SKIPPED ***");
        NodeServer master = NodeServer.start(NodeConfig.defaults().withBind(List.of(HOST)).withPort(0));
        try (RealRedis replica = RealRedis.start(HOST, Ports.freeClusterPort(HOST));
             RespTestClient admin = new RespTestClient(HOST, replica.port);
             RespTestClient subscriber = new RespTestClient(HOST, replica.port);
             RespTestClient publisher = new RespTestClient(HOST, master.port())) {
            assertEquals("+OK\r\n", admin.call("REPLICAOF", HOST, Integer.toString(master.port())));
            Poll.until(Duration.ofSeconds(30), "the replica's link to its master",
                    () -> admin.call("INFO", "replication").contains("master_link_status:up"));
            subscriber.call("SUBSCRIBE", "news");
            assertEquals(":0\r\n", publisher.call("PUBLISH", "news", "from-master"));
            assertEquals("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$11\r\nfrom-master\r\n", subscriber.readReply());
        } finally {
            master.stop();
        }
    }
}
