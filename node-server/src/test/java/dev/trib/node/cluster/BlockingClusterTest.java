package dev.trib.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Blocked;
import dev.trib.node.support.RespTestClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Blocking commands on a cluster node, with the replies Redis 7.0 gives (clusterRedirectBlockedClientIfNeeded,
 * disconnectAllBlockedClients): keys of one slot only, and a waiting client whose slot this node stops serving gets
 * MOVED to the new owner, CLUSTERDOWN when the cluster goes down, or -UNBLOCKED and a closed connection when the
 * node becomes a replica. The node shares the slots with a phantom master that never answers (ClusterNodes).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BlockingClusterTest {
    private static final String PHANTOM = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void aWaitingClientFollowsItsSlot() throws Exception {
        NodeServer node = ClusterNodes.start();
        try (RespTestClient c = new RespTestClient(ClusterNodes.HOST, node.port());
             RespTestClient waiting = new RespTestClient(ClusterNodes.HOST, node.port());
             RespTestClient other = new RespTestClient(ClusterNodes.HOST, node.port())) {
            ClusterNodes.shareWithPhantom(node, c, PHANTOM);
            assertEquals(":3300\r\n", c.call("CLUSTER", "KEYSLOT", "b"));
            assertEquals(":7365\r\n", c.call("CLUSTER", "KEYSLOT", "c"));
            String crossSlot = "-CROSSSLOT Keys in request don't hash to the same slot\r\n";
            assertEquals(crossSlot, c.call("BLPOP", "b", "c", "0"));
            assertEquals(crossSlot, c.call("BLMPOP", "0", "2", "b", "c", "LEFT"));
            assertEquals(crossSlot, c.call("BZMPOP", "0", "2", "b", "c", "MIN"));
            assertEquals(crossSlot, c.call("BLMOVE", "b", "c", "LEFT", "LEFT", "0"));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("BRPOP", "a", "0"));
            assertEquals("*-1\r\n", c.call("BLPOP", "{b}1", "b", "0.01"));

            // Served on its own slot, as anywhere.
            Blocked.send(waiting, c, "BLPOP", "b", "0");
            assertEquals(":1\r\n", c.call("RPUSH", "b", "x"));
            assertEquals("*2\r\n$1\r\nb\r\n$1\r\nx\r\n", waiting.readReply());

            // The slot moves away while a client waits on it (and another on a slot that stays): MOVED, at once.
            Blocked.send(waiting, c, "BLPOP", "b", "{b}2", "0");
            Blocked.send(other, c, "BZPOPMIN", "c", "0");
            assertEquals("+OK\r\n", c.call("CLUSTER", "SETSLOT", "3300", "NODE", PHANTOM));
            assertEquals("-MOVED 3300 127.0.0.1:1\r\n", waiting.readReply());
            assertEquals("+PONG\r\n", waiting.call("PING"));
            assertTrue(c.call("INFO", "clients").contains("blocked_clients:1\r\n"));

            // The cluster goes down (a slot without owner, full coverage required): CLUSTERDOWN.
            assertEquals("+OK\r\n", c.call("CLUSTER", "DELSLOTS", "100"));
            assertEquals("-CLUSTERDOWN The cluster is down\r\n", other.readReply());
            assertTrue(c.call("INFO", "clients").contains("blocked_clients:0\r\n"));
        } finally {
            ClusterNodes.stopAll(List.of(node));
        }
    }

    @Test
    void aMasterTurnedReplicaUnblocksAndDisconnectsItsWaitingClients() throws Exception {
        NodeServer node = ClusterNodes.start();
        try (RespTestClient c = new RespTestClient(ClusterNodes.HOST, node.port());
             RespTestClient waiting = new RespTestClient(ClusterNodes.HOST, node.port())) {
            ClusterNodes.shareWithPhantom(node, c, PHANTOM);
            Blocked.send(waiting, c, "BLMOVE", "b", "d{b}", "LEFT", "RIGHT", "0");
            // What the bus does when the phantom takes this node's last slots: it follows the phantom.
            node.onLoop(() -> node.cluster().store().update(cfg -> {
                var e = cfg.edit();
                for (int s = 0; s <= 8191; s++) {
                    e.setOwner(s, PHANTOM);
                }
                return e.put(cfg.myself().asReplicaOf(PHANTOM)).build();
            }));
            assertEquals("-UNBLOCKED force unblock from blocking operation, instance state changed "
                    + "(master -> replica?)\r\n", waiting.readReply());
            assertTrue(waiting.isClosedByPeer());
        } finally {
            ClusterNodes.stopAll(List.of(node));
        }
    }

    /** WAIT's clients too, as Redis 7.0's disconnectAllBlockedClients ends every blocked client. */
    @Test
    void aMasterTurnedReplicaEndsItsWaitClients() throws Exception {
        NodeServer node = ClusterNodes.start();
        try (RespTestClient c = new RespTestClient(ClusterNodes.HOST, node.port());
             RespTestClient waiting = new RespTestClient(ClusterNodes.HOST, node.port());
             java.net.Socket replica = new java.net.Socket(ClusterNodes.HOST, node.port())) {
            ClusterNodes.shareWithPhantom(node, c, PHANTOM);
            // One replica (a SYNC one) and WAIT for two: it waits whatever the replica has acknowledged.
            replica.getOutputStream().write("SYNC\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            dev.trib.node.support.Poll.until(java.time.Duration.ofSeconds(30), "the SYNC replica to be attached",
                    () -> c.call("INFO", "replication").contains("connected_slaves:1"));
            Blocked.send(waiting, c, "WAIT", "2", "0");
            node.onLoop(() -> node.cluster().store().update(cfg -> {
                var e = cfg.edit();
                for (int s = 0; s <= 8191; s++) {
                    e.setOwner(s, PHANTOM);
                }
                return e.put(cfg.myself().asReplicaOf(PHANTOM)).build();
            }));
            assertEquals("-UNBLOCKED force unblock from blocking operation, instance state changed "
                    + "(master -> replica?)\r\n", waiting.readReply());
            assertTrue(waiting.isClosedByPeer());
        } finally {
            ClusterNodes.stopAll(List.of(node));
        }
    }
}
