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
 * Stream commands on a cluster node: XREAD / XREADGROUP route by the keys after STREAMS (CROSSSLOT across slots,
 * MOVED elsewhere), XGROUP / XINFO by their key argument, and a client blocked in XREAD or XREADGROUP whose slot
 * this node stops serving gets MOVED, or CLUSTERDOWN, as BLPOP's waiters do (clusterRedirectBlockedClientIfNeeded).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamClusterTest {
    private static final String PHANTOM = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void streamReadersFollowTheirSlot() throws Exception {
        NodeServer node = ClusterNodes.start();
        try (RespTestClient c = new RespTestClient(ClusterNodes.HOST, node.port());
             RespTestClient waiting = new RespTestClient(ClusterNodes.HOST, node.port());
             RespTestClient grouped = new RespTestClient(ClusterNodes.HOST, node.port())) {
            ClusterNodes.shareWithPhantom(node, c, PHANTOM);
            String crossSlot = "-CROSSSLOT Keys in request don't hash to the same slot\r\n";
            assertEquals(crossSlot, c.call("XREAD", "STREAMS", "b", "c", "0", "0"));
            assertEquals(crossSlot, c.call("XREADGROUP", "GROUP", "g", "x", "STREAMS", "b", "c", ">", ">"));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("XREAD", "COUNT", "1", "STREAMS", "a", "0"));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("XGROUP", "CREATE", "a", "g", "$", "MKSTREAM"));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("XINFO", "STREAM", "a"));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("XADD", "a", "*", "f", "v"));
            assertEquals("*-1\r\n", c.call("XREAD", "BLOCK", "10", "STREAMS", "b", "{b}1", "$", "$"));

            // Served on its own slot.
            Blocked.send(waiting, c, "XREAD", "BLOCK", "0", "STREAMS", "b", "$");
            assertEquals("$3\r\n1-1\r\n", c.call("XADD", "b", "1-1", "f", "v"));
            assertEquals("*1\r\n*2\r\n$1\r\nb\r\n*1\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n",
                    waiting.readReply());

            // A reader waiting on slot 3300 when it moves away (its stream gone first, as a migration leaves it,
            // which does not end an XREAD wait): MOVED, at once.
            assertEquals(":1\r\n", c.call("DEL", "b"));
            Blocked.send(waiting, c, "XREAD", "BLOCK", "0", "STREAMS", "b", "{b}2", "$", "$");
            assertEquals("+OK\r\n", c.call("XGROUP", "CREATE", "c", "g", "$", "MKSTREAM"));
            Blocked.send(grouped, c, "XREADGROUP", "GROUP", "g", "c1", "BLOCK", "0", "STREAMS", "c", ">");
            assertEquals("+OK\r\n", c.call("CLUSTER", "SETSLOT", "3300", "NODE", PHANTOM));
            assertEquals("-MOVED 3300 127.0.0.1:1\r\n", waiting.readReply());
            assertEquals("+PONG\r\n", waiting.call("PING"));
            assertTrue(c.call("INFO", "clients").contains("blocked_clients:1\r\n"));

            // The cluster goes down: the group reader gets CLUSTERDOWN.
            assertEquals("+OK\r\n", c.call("CLUSTER", "DELSLOTS", "100"));
            assertEquals("-CLUSTERDOWN The cluster is down\r\n", grouped.readReply());
            assertTrue(c.call("INFO", "clients").contains("blocked_clients:0\r\n"));
        } finally {
            ClusterNodes.stopAll(List.of(node));
        }
    }
}
