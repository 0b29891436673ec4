package dev.trib.node.persistence;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Datasets;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files written by node-server load in a real redis-server 7.0 and the other way round: dump.rdb,
 * and the multi-part append-only directory. Every key, value and TTL of every type is compared.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PersistenceInteropTest {
    @TempDir
    Path dir;
    private final EmbeddedNodes nodes = new EmbeddedNodes();

    @BeforeEach
    void needsRedis() {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server is not on PATH: the persistence interop tests against real Redis are SKIPPED ***");
    }

    private static RealRedis redis(Path dir, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--dir", dir.toString(), "--dbfilename", "dump.rdb",
                "--enable-debug-command", "yes"));
        args.addAll(List.of(extra));
        return RealRedis.start(EmbeddedNodes.HOST, Ports.freeInRange(EmbeddedNodes.HOST, 26000, 27000),
                args.toArray(String[]::new));
    }

    /** Encodings only redis-server chooses: quicklists with compressed and plain nodes, 16- and 64-bit intsets, big listpacks. */
    private static void fillRedisEncodings(RespTestClient r) throws IOException {
        r.call("CONFIG", "SET", "list-compress-depth", "1");
        r.call(Datasets.with("RPUSH", "r:l:compressed-nodes", Datasets.numbered("compressed-node-item-", 3000)));
        r.call("CONFIG", "SET", "list-compress-depth", "0");
        r.call("DEBUG", "QUICKLIST-PACKED-THRESHOLD", "1000");
        r.call("RPUSH", "r:l:plain-nodes", "head", "p".repeat(3000), "q".repeat(100_000), "tail");
        r.call("DEBUG", "QUICKLIST-PACKED-THRESHOLD", Integer.toString(1 << 30));
        r.call("RPUSH", "r:l:ints", "0", "127", "-4096", "32767", "-8388608", "2147483647", "-9223372036854775808");
        r.call("SADD", "r:set:int16", "1", "-32768");
        r.call("SADD", "r:set:int64", "1", "-9223372036854775808");
        r.call("HSET", "r:h:long-value", "f", "v".repeat(65), "g", "12");
        r.call("ZADD", "r:z:int-scores", "1", "a", "-7", "b", "100000", "c", "0.1", "d");
        r.call("PEXPIRE", "r:set:int16", "70000");
        for (String[] key : new String[][] {{"r:set:int16", "intset"}, {"r:set:int64", "intset"},
                {"r:l:plain-nodes", "quicklist"}, {"r:z:int-scores", "listpack"}, {"r:h:long-value", "hashtable"}}) {
            assertEquals("$" + key[1].length() + "\r\n" + key[1] + "\r\n", r.call("OBJECT", "ENCODING", key[0]), key[0]);
        }
    }

    @Test
    void aDumpWrittenByTheNodeLoadsInRedisServer() throws Exception {
        Map<String, Datasets.Entry> written;
        NodeServer node = nodes.start(EmbeddedNodes.config(dir));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            Datasets.fill(c, "n:");
            assertEquals("+OK\r\n", c.call("SAVE"));
            written = Datasets.picture(c);
        } finally {
            node.stop();
        }
        try (RealRedis redis = redis(dir); RespTestClient r = redis.client()) {
            Datasets.assertSame(written, Datasets.picture(r));
        }
        assertEquals(17, written.size());
    }

    @Test
    void aDumpWrittenByRedisServerLoadsInTheNode() throws Exception {
        Map<String, Datasets.Entry> written;
        try (RealRedis redis = redis(dir); RespTestClient r = redis.client()) {
            Datasets.fill(r, "r:");
            fillRedisEncodings(r);
            assertEquals("+OK\r\n", r.call("SAVE"));
            written = Datasets.picture(r);
        }
        assertEquals(24, written.size());
        NodeServer node = nodes.start(EmbeddedNodes.config(dir));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            Datasets.assertSame(written, Datasets.picture(c));
        } finally {
            node.stop();
        }
    }

    @Test
    void appendOnlyDirectoriesCrossBothWays() throws Exception {
        Path fromNode = Files.createDirectory(dir.resolve("from-node"));
        Map<String, Datasets.Entry> written;
        NodeServer node = nodes.start(EmbeddedNodes.config(fromNode).with("appendonly", "yes"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            c.call("SET", "before-first-rewrite", "1");
            Datasets.fill(c, "n:");
            c.call("INCRBYFLOAT", "n:float", "0.25");
            written = Datasets.picture(c);
        } finally {
            node.stop();
        }
        try (RealRedis redis = redis(fromNode, "--appendonly", "yes"); RespTestClient r = redis.client()) {
            Datasets.assertSame(written, Datasets.picture(r));
        }
        assertEquals(19, written.size());

        Path fromRedis = Files.createDirectory(dir.resolve("from-redis"));
        try (RealRedis redis = redis(fromRedis, "--appendonly", "yes", "--appendfsync", "always");
             RespTestClient r = redis.client()) {
            Poll.until(Duration.ofSeconds(10), "redis-server's first AOF rewrite", () -> r.call("INFO", "persistence")
                    .contains("aof_rewrite_in_progress:0\r\naof_rewrite_scheduled:0"));
            r.call("SET", "in-base", "1");
            assertTrue(r.call("BGREWRITEAOF").startsWith("+"));
            Poll.until(Duration.ofSeconds(10), "redis-server's AOF rewrite", () -> r.call("INFO", "persistence")
                    .contains("aof_rewrite_in_progress:0\r\naof_rewrite_scheduled:0"));
            Datasets.fill(r, "r:");
            fillRedisEncodings(r);
            written = Datasets.picture(r);
        }
        assertEquals(25, written.size());
        assertTrue(Files.exists(fromRedis.resolve("appendonlydir/appendonly.aof.2.incr.aof")));
        node = nodes.start(EmbeddedNodes.config(fromRedis).with("appendonly", "yes"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            Datasets.assertSame(written, Datasets.picture(c));
        } finally {
            node.stop();
        }
    }
}
