package dev.trib.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.FakeTarget;
import dev.trib.node.support.RespTestClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MIGRATE in cluster mode, as redis-server's getNodeByQuery and migrateCommand: routed like a keyed command
 * (MOVED, CROSSSLOT, its KEYS form included), run here while its slot is open (migrating or importing) even for a
 * key this node does not have, and RESTORE-ASKING on the wire so an importing target takes the key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterMigrateTest {
    private static final String OTHER = "d".repeat(40);

    @Test
    void routedAsAKeyedCommandAndSendsRestoreAsking() throws Exception {
        NodeServer node = ClusterNodes.start(600_000);
        try (RespTestClient c = new RespTestClient(ClusterNodes.HOST, node.port()); FakeTarget t = new FakeTarget()) {
            ClusterNodes.shareWithPhantom(node, c, OTHER);
            String port = Integer.toString(t.port());

            // "a" hashes to 15495 (the other node), "b" to 3300 and "c" to 7365 (both here).
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("MIGRATE", "127.0.0.1", port, "a", "0", "1000"));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n",
                    c.call("MIGRATE", "127.0.0.1", port, "", "0", "1000", "AUTH2", "u", "p", "KEYS", "a"));
            // Without KEYS the key argument counts even when empty ("" is in slot 0, served here).
            assertEquals("+NOKEY\r\n", c.call("MIGRATE", "127.0.0.1", port, "", "0", "1000"));
            assertEquals("-ERR When using MIGRATE KEYS option, the key argument must be set to the empty string\r\n",
                    c.call("MIGRATE", "127.0.0.1", port, "a", "0", "1000", "KEYS", "b"));
            assertEquals("-CROSSSLOT Keys in request don't hash to the same slot\r\n",
                    c.call("MIGRATE", "127.0.0.1", port, "", "0", "1000", "KEYS", "b", "c"));
            assertEquals("*2\r\n$3\r\n{b}\r\n$4\r\n{b}2\r\n", c.call("COMMAND", "GETKEYS", "MIGRATE", "127.0.0.1",
                    port, "", "0", "1000", "AUTH", "pw", "KEYS", "{b}", "{b}2"));

            assertEquals("+OK\r\n", c.call("SET", "b", "v"));
            assertEquals("+OK\r\n", c.call("SET", "{b}2", "w", "PX", "100000"));
            assertEquals("+OK\r\n", c.call("MIGRATE", "127.0.0.1", port, "", "0", "1000", "REPLACE", "KEYS", "b",
                    "{b}2"));
            assertEquals(":0\r\n", c.call("EXISTS", "b", "{b}2"));
            t.awaitCommands(3);
            List<String> wire = t.summary();
            assertEquals("SELECT 0", wire.get(0));
            assertEquals("RESTORE-ASKING b 0 <payload> REPLACE", wire.get(1));
            assertTrue(wire.get(2).matches("RESTORE-ASKING \\{b}2 \\d+ <payload> REPLACE"), wire.get(2));

            // Slot 3300 migrating: a missing key is asked for elsewhere, but MIGRATE runs here (and finds nothing).
            assertEquals("+OK\r\n", c.call("SET", "{b}3", "x"));
            assertEquals("+OK\r\n", c.call("CLUSTER", "SETSLOT", "3300", "MIGRATING", OTHER));
            assertEquals("-ASK 3300 127.0.0.1:1\r\n", c.call("GET", "b"));
            assertEquals("+NOKEY\r\n", c.call("MIGRATE", "127.0.0.1", port, "b", "0", "1000"));
            assertEquals("+NOKEY\r\n", c.call("MIGRATE", "127.0.0.1", port, "", "0", "1000", "KEYS", "{b}4"));
            assertEquals("+OK\r\n", c.call("MIGRATE", "127.0.0.1", port, "", "0", "1000", "KEYS", "{b}3", "{b}4"));
            // Moved away: now asked for at the target, and MIGRATE finds nothing left.
            assertEquals("-ASK 3300 127.0.0.1:1\r\n", c.call("EXISTS", "{b}3"));
            assertEquals("+NOKEY\r\n", c.call("MIGRATE", "127.0.0.1", port, "{b}3", "0", "1000"));
            // Slot 15495 importing: MIGRATE runs here too, without ASKING.
            assertEquals("+OK\r\n", c.call("CLUSTER", "SETSLOT", "15495", "IMPORTING", OTHER));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("GET", "a"));
            assertEquals("+NOKEY\r\n", c.call("MIGRATE", "127.0.0.1", port, "a", "0", "1000"));
            String info = c.call("INFO", "stats");
            assertTrue(info.contains("migrate_cached_sockets:1\r\n"), info);
        } finally {
            node.stop();
        }
    }
}
