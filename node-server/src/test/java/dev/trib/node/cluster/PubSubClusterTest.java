package dev.trib.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pub/sub across a mixed cluster: a node-server and a redis-server 7.0, each owning half the slots. A PUBLISH on
 * either reaches the other's subscribers over the cluster bus, so each side reads the other's PUBLISH message;
 * shard channels are routed by slot.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PubSubClusterTest {
    private static final String HOST = ClusterNodes.HOST;

    @Test
    void publishCrossesTheBusBothWaysAndShardChannelsFollowSlots() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: mixed-cluster pub/sub test SKIPPED ***");
        NodeServer node = ClusterNodes.start();
        try (RealRedis real = RealRedis.startCluster(HOST, Ports.freeClusterPort(HOST));
             RespTestClient ours = new RespTestClient(HOST, node.port());
             RespTestClient theirs = real.client();
             RespTestClient ourSubscriber = new RespTestClient(HOST, node.port());
             RespTestClient theirSubscriber = real.client()) {
            assertEquals("+OK\r\n", ours.call("CLUSTER", "ADDSLOTSRANGE", "0", "8191"));
            assertEquals("+OK\r\n", theirs.call("CLUSTER", "ADDSLOTSRANGE", "8192", "16383"));
            assertEquals("+OK\r\n", ours.call("CLUSTER", "MEET", HOST, Integer.toString(real.port)));
            Poll.until(Duration.ofSeconds(30), "both nodes to know each other, connected", () ->
                    connectedNodes(ours) == 2 && connectedNodes(theirs) == 2);

            assertEquals(wire("*3", "$9", "subscribe", "$4", "news", ":1"),
                    ourSubscriber.call("SUBSCRIBE", "news"));
            assertEquals(wire("*3", "$10", "psubscribe", "$2", "n*", ":1"),
                    theirSubscriber.call("PSUBSCRIBE", "n*"));

            // redis-server's PUBLISH message, read by node-server (each counts its own receivers only).
            assertEquals(":1\r\n", theirs.call("PUBLISH", "news", "from-redis"));
            assertEquals(wire("*3", "$7", "message", "$4", "news", "$10", "from-redis"),
                    ourSubscriber.readReply());
            assertEquals(wire("*4", "$8", "pmessage", "$2", "n*", "$4", "news", "$10", "from-redis"),
                    theirSubscriber.readReply());

            // node-server's PUBLISH message, read by redis-server.
            assertEquals(":1\r\n", ours.call("PUBLISH", "news", "from-node"));
            assertEquals(wire("*3", "$7", "message", "$4", "news", "$9", "from-node"),
                    ourSubscriber.readReply());
            assertEquals(wire("*4", "$8", "pmessage", "$2", "n*", "$4", "news", "$9", "from-node"),
                    theirSubscriber.readReply());

            Poll.until(Duration.ofSeconds(30), "cluster_state:ok on the node-server",
                    () -> ours.call("CLUSTER", "INFO").contains("cluster_state:ok"));
            // Shard channels are keys: "a" hashes to slot 15495 (redis-server's), "b" to 3300 (ours).
            assertEquals("-MOVED 15495 " + HOST + ":" + real.port + "\r\n", ours.call("SSUBSCRIBE", "a"));
            assertEquals("-MOVED 15495 " + HOST + ":" + real.port + "\r\n", ours.call("SPUBLISH", "a", "x"));
            assertTrue(ours.call("SSUBSCRIBE", "a", "b").startsWith("-CROSSSLOT"));
            try (RespTestClient shardSubscriber = new RespTestClient(HOST, node.port())) {
                assertEquals(wire("*3", "$10", "ssubscribe", "$1", "b", ":1"),
                        shardSubscriber.call("SSUBSCRIBE", "b"));
                assertEquals(":1\r\n", ours.call("SPUBLISH", "b", "hi"));
                assertEquals(wire("*3", "$8", "smessage", "$1", "b", "$2", "hi"), shardSubscriber.readReply());
                // The slot leaves this node: its shard channel's subscriber is told, as redis-server tells it.
                String theirId = theirs.call("CLUSTER", "MYID").split("\r\n")[1];
                assertEquals("+OK\r\n", ours.call("CLUSTER", "SETSLOT", "3300", "NODE", theirId));
                assertEquals(wire("*3", "$12", "sunsubscribe", "$1", "b", ":0"), shardSubscriber.readReply());
                assertEquals("+PONG\r\n", shardSubscriber.call("PING"));
            }
        } finally {
            node.stop();
        }
    }

    @Test
    void shardMessagesReachTheReplicasSubscribers() throws Exception {
        NodeServer master = ClusterNodes.start();
        NodeServer replica = ClusterNodes.start();
        try (RespTestClient m = new RespTestClient(HOST, master.port());
             RespTestClient r = new RespTestClient(HOST, replica.port());
             RespTestClient subscriber = new RespTestClient(HOST, replica.port())) {
            assertEquals("+OK\r\n", m.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383"));
            assertEquals("+OK\r\n", r.call("CLUSTER", "MEET", HOST, Integer.toString(master.port())));
            String masterId = m.call("CLUSTER", "MYID").split("\r\n")[1];
            Poll.until(Duration.ofSeconds(30), "the replica to know the master",
                    () -> connectedNodes(r) == 2 && connectedNodes(m) == 2);
            assertEquals("+OK\r\n", r.call("CLUSTER", "REPLICATE", masterId));
            Poll.until(Duration.ofSeconds(30), "the master to see its replica",
                    () -> m.call("CLUSTER", "NODES").contains("slave " + masterId));
            Poll.until(Duration.ofSeconds(30), "cluster_state:ok on both", () ->
                    r.call("CLUSTER", "INFO").contains("cluster_state:ok")
                            && m.call("CLUSTER", "INFO").contains("cluster_state:ok"));
            // Served by the replica of the slot's master without READONLY, as redis-server does.
            assertEquals(wire("*3", "$10", "ssubscribe", "$1", "b", ":1"), subscriber.call("SSUBSCRIBE", "b"));
            assertEquals(":0\r\n", m.call("SPUBLISH", "b", "to-shard"));
            assertEquals(wire("*3", "$8", "smessage", "$1", "b", "$8", "to-shard"), subscriber.readReply());
        } finally {
            ClusterNodes.stopAll(java.util.List.of(master, replica));
        }
    }

    /** A reply's wire text from its lines. */
    static String wire(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    private static long connectedNodes(RespTestClient c) throws Exception {
        String nodes = c.call("CLUSTER", "NODES");
        return nodes.contains("handshake") ? 0 : nodes.lines().filter(l -> l.contains(" connected")).count();
    }
}
