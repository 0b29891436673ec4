package dev.trib.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.SideBySide;
import dev.trib.node.support.RespTestClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MULTI/EXEC in cluster mode (and the cluster-mode errors of COPY and the numkeys commands): each queued command is routed when it is queued (a refusal makes EXEC abort), and EXEC
 * is routed by the keys of all of them together (CROSSSLOT or MOVED drops the transaction), as redis-server 7.0.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TransactionRoutingTest {
    private static final String OTHER = "c".repeat(40);

    /** "a" hashes to 15495, "b" to 3300. */
    private static final List<String> SCRIPT = List.of(
            "MULTI", "SET a 1", "SET b 1", "MSET a 1 b 2", "EXEC", "GET a",
            "MULTI", "SET a 1", "SET b 1", "EXEC", "GET a", "GET b",
            "WATCH a b", "WATCH a {a}x", "MULTI", "SET {a}x 1", "GET {a}x", "EXEC",
            "MULTI", "SET {a}y 2", "GET a", "DEL {a}x", "EXEC", "MULTI", "PING", "EXEC", "MULTI", "EXEC",
            // cluster-mode rules of the commands added with transactions: COPY's DB option, keys counted by numkeys
            "SET {a}1 v", "COPY {a}1 {a}2 DB 1", "COPY {a}1 {a}2 DB 16", "COPY {a}1 {a}2 DB 0", "COPY a b",
            "ZUNIONSTORE {a}3 2 {a}1 b", "ZUNION 2 a b", "SINTERCARD 2 a b", "SINTERCARD 2 {a}1 {a}2", "ZUNION 0 a", "LMPOP 2 a b LEFT",
            "ZMPOP 2 {a}1 {a}2 MIN", "LMPOP 0 a LEFT",
            "MULTI", "SMOVE a b x", "EXEC", "MULTI", "LMOVE {a}1 {a}2 LEFT LEFT", "EXEC");

    @Test
    void crossSlotTransactionsMatchRedis() throws Exception {
        ReplyDiff diff = new ReplyDiff();
        try (SideBySide both = SideBySide.clusterWithAllSlots()) {
            both.run(SCRIPT.stream().map(line -> line.split(" ")).toList(), diff);
        }
        diff.assertNone();
    }

    @Test
    void aKeyServedElsewhereIsMovedWhenQueuedAndWhenExecuted() throws Exception {
        NodeServer node = ClusterNodes.start(600_000);
        try (RespTestClient c = new RespTestClient(ClusterNodes.HOST, node.port());
             RespTestClient admin = new RespTestClient(ClusterNodes.HOST, node.port())) {
            ClusterNodes.shareWithPhantom(node, c, OTHER);

            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("WATCH", "a"));
            assertEquals("+OK\r\n", c.call("MULTI"));
            assertEquals("+QUEUED\r\n", c.call("SET", "b", "1"));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("GET", "a"));
            assertEquals("-EXECABORT Transaction discarded because of previous errors.\r\n", c.call("EXEC"));
            assertEquals("$-1\r\n", c.call("GET", "b"), "nothing ran");

            assertEquals("+OK\r\n", c.call("MULTI"));
            assertEquals("+QUEUED\r\n", c.call("SET", "b", "1"));
            assertEquals("+QUEUED\r\n", c.call("GET", "b"));
            // The slot moves away between queueing and EXEC: EXEC is redirected and the transaction dropped.
            assertEquals("+OK\r\n", admin.call("CLUSTER", "SETSLOT", "3300", "NODE", OTHER));
            assertEquals("-MOVED 3300 127.0.0.1:1\r\n", c.call("EXEC"));
            assertEquals("-ERR EXEC without MULTI\r\n", c.call("EXEC"));
            assertEquals("+OK\r\n", c.call("MULTI"));
            assertEquals("+QUEUED\r\n", c.call("PING"));
            assertEquals("*1\r\n+PONG\r\n", c.call("EXEC"));
        } finally {
            node.stop();
        }
    }

}
