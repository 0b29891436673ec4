package dev.trib.node.net;

import dev.trib.node.support.RespTestClient;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DEBUG POPULATE as redis-server 7.0 answers it (checked by hand against redis-server 7.0.15); MEMORY. */
class DebugPopulateTest {
    @Test
    void populatesKeysWithRedisNamesAndLeavesExistingOnes() throws Exception {
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0)
                .with("enable-debug-command", "yes"));
        try (RespTestClient c = new RespTestClient("127.0.0.1", node.port())) {
            assertEquals("+OK\r\n", c.call("SET", "key:1", "mine"));
            assertEquals("+OK\r\n", c.call("DEBUG", "POPULATE", "1000"));
            assertEquals(":1000\r\n", c.call("DBSIZE"));
            assertEquals("$7\r\nvalue:0\r\n", c.call("GET", "key:0"));
            assertEquals("$4\r\nmine\r\n", c.call("GET", "key:1"));
            assertEquals("+OK\r\n", c.call("DEBUG", "POPULATE", "2", "p", "10"));
            assertEquals("$10\r\nvalue:1\0\0\0\r\n", c.call("GET", "p:1"));
            // MEMORY USAGE grows with the value; missing keys are nil; PURGE answers OK.
            c.call("RPUSH", "big", "x".repeat(10_000), "y");
            long small = Long.parseLong(c.call("MEMORY", "USAGE", "key:0").trim().substring(1));
            long big = Long.parseLong(c.call("MEMORY", "USAGE", "big", "SAMPLES", "0").trim().substring(1));
            org.junit.jupiter.api.Assertions.assertTrue(small > 7 && big > 10_000 && big < 20_000, small + " " + big);
            assertEquals("$-1\r\n", c.call("MEMORY", "USAGE", "nope"));
            assertEquals("+OK\r\n", c.call("MEMORY", "PURGE"));
        } finally {
            node.stop();
        }
    }
}
