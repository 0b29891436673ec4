package dev.trib.node.command.stream;

import static dev.trib.node.support.ReplyDiff.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * dump.rdb with streams: written by the node, loaded by redis-server 7.0, and the other way round; every stream's
 * XINFO STREAM FULL (entries, counters, groups, PEL with delivery times, consumers with seen times) is the same
 * after the trip.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamRdbFileTest {
    private static final String HOST = "127.0.0.1";
    private static final List<String> KEYS = List.of("plain", "grouped", "emptied");

    @TempDir
    Path dir;

    @BeforeEach
    void needsRedis() {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: stream RDB file test SKIPPED ***");
    }

    private static void fill(RespTestClient c) throws Exception {
        for (int i = 1; i <= 150; i++) {
            c.call("XADD", "plain", "*", "n", Integer.toString(i), "text", "entry number " + i);
        }
        c.call("XTRIM", "plain", "MAXLEN", "120");
        for (int i = 1; i <= 20; i++) {
            c.call("XADD", "grouped", i + "-0", "job", "j" + i);
        }
        c.call("XGROUP", "CREATE", "grouped", "workers", "0");
        c.call("XREADGROUP", "GROUP", "workers", "w1", "COUNT", "4", "STREAMS", "grouped", ">");
        c.call("XREADGROUP", "GROUP", "workers", "w2", "COUNT", "3", "STREAMS", "grouped", ">");
        c.call("XACK", "grouped", "workers", "1-0");
        c.call("XGROUP", "CREATE", "grouped", "late", "$", "ENTRIESREAD", "20");
        c.call("XADD", "emptied", "1-1", "f", "v");
        c.call("XDEL", "emptied", "1-1");
    }

    private static Map<String, String> picture(RespTestClient c) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : KEYS) {
            out.put(key, printable(c.call("XINFO", "STREAM", key, "FULL", "COUNT", "0")));
        }
        return out;
    }

    private NodeServer node() throws InterruptedException {
        return NodeServer.start(NodeConfig.defaults().withBind(List.of(HOST))
                .withPort(Ports.freeInRange(HOST, 26000, 27000)).with("dir", dir.toString()));
    }

    private RealRedis redis() throws Exception {
        return RealRedis.start(HOST, Ports.freeInRange(HOST, 26000, 27000), "--dir", dir.toString(),
                "--dbfilename", "dump.rdb");
    }

    @Test
    void streamsSavedByTheNodeLoadInRedisServer() throws Exception {
        Map<String, String> written;
        NodeServer node = node();
        try (RespTestClient c = new RespTestClient(HOST, node.port())) {
            fill(c);
            assertEquals("+OK\r\n", c.call("SAVE"));
            written = picture(c);
        } finally {
            node.stop();
        }
        assertTrue(written.get("grouped").contains("w2"), written.get("grouped"));
        try (RealRedis redis = redis(); RespTestClient r = redis.client()) {
            assertEquals(written, picture(r));
        }
    }

    @Test
    void streamsSavedByRedisServerLoadInTheNode() throws Exception {
        Map<String, String> written;
        try (RealRedis redis = redis(); RespTestClient r = redis.client()) {
            fill(r);
            assertEquals("+OK\r\n", r.call("SAVE"));
            written = picture(r);
        }
        NodeServer node = node();
        try (RespTestClient c = new RespTestClient(HOST, node.port())) {
            assertEquals(written, picture(c));
        } finally {
            node.stop();
        }
    }
}
