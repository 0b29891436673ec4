package dev.trib.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.keyspace.StringValue;
import dev.trib.node.net.NodeServer;
import dev.trib.node.rdb.DumpPayload;
import dev.trib.node.support.RespTestClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DUMP, RESTORE and RESTORE-ASKING follow the slot routing of other key commands; RESTORE-ASKING is what MIGRATE
 * sends to a node importing the slot, so it is served there without a preceding ASKING.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RestoreRoutingTest {
    private static final String OTHER = "c".repeat(40);

    @Test
    void restoreIsRedirectedAndRestoreAskingIsServedWhileImporting() throws Exception {
        NodeServer node = ClusterNodes.start(600_000);
        String payload = new String(DumpPayload.dump(new StringValue("v".getBytes(StandardCharsets.US_ASCII))),
                StandardCharsets.ISO_8859_1);
        try (RespTestClient c = new RespTestClient(ClusterNodes.HOST, node.port())) {
            ClusterNodes.shareWithPhantom(node, c, OTHER);

            // "a" hashes to 15495 (the other node), "b" to 3300 (this one).
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("RESTORE", "a", "0", payload));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("RESTORE-ASKING", "a", "0", payload));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("DUMP", "a"));
            assertEquals("+OK\r\n", c.call("RESTORE", "b", "0", payload));
            assertEquals("$" + payload.length() + "\r\n" + payload + "\r\n", c.call("DUMP", "b"));

            assertEquals("+OK\r\n", c.call("CLUSTER", "SETSLOT", "15495", "IMPORTING", OTHER));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("RESTORE", "a", "0", payload));
            assertEquals("+OK\r\n", c.call("RESTORE-ASKING", "a", "0", payload));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("GET", "a"), "only that command was let in");
            assertEquals("+OK\r\n", c.call("ASKING"));
            assertEquals("+OK\r\n", c.call("RESTORE", "a", "0", payload, "REPLACE"));

            // Migrating away: a key still here is served, a missing one is asked for at the target.
            assertEquals("+OK\r\n", c.call("CLUSTER", "SETSLOT", "3300", "MIGRATING", OTHER));
            assertEquals("+OK\r\n", c.call("RESTORE", "b", "0", payload, "REPLACE"));
            assertEquals("-ASK 3300 127.0.0.1:1\r\n", c.call("RESTORE", "{b}new", "0", payload));
        } finally {
            node.stop();
        }
    }
}
