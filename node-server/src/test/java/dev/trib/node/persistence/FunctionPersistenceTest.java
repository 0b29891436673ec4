package dev.trib.node.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Function libraries travel with the data, as in redis-server 7.0: in dump.rdb (both ways between the node and
 * redis-server), in the base of a rewritten append-only file, and in a replica's full sync.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FunctionPersistenceTest {
    private static final String NODE_LIB = "#!lua name=nodelib\n"
            + "redis.register_function{function_name='from_node', callback=function() return 'node' end, "
            + "flags={'no-writes'}}";
    private static final String REDIS_LIB = "#!lua name=redislib\n"
            + "redis.register_function('from_redis', function() return 'redis-server wrote this library' end)";

    @TempDir
    Path dir;
    private final EmbeddedNodes nodes = new EmbeddedNodes();

    @Test
    void librariesTravelInDumpFilesBothWays() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server is not on PATH: function RDB interop test SKIPPED ***");
        NodeServer node = nodes.start(EmbeddedNodes.config(dir));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals("$7\r\nnodelib\r\n", c.call("FUNCTION", "LOAD", NODE_LIB));
            assertEquals("+OK\r\n", c.call("FLUSHALL"));
            assertEquals("+OK\r\n", c.call("SAVE"));
        } finally {
            node.stop();
        }
        try (RealRedis redis = RealRedis.start(EmbeddedNodes.HOST, Ports.freeInRange(EmbeddedNodes.HOST, 26000, 27000),
                "--dir", dir.toString(), "--dbfilename", "dump.rdb");
             RespTestClient r = redis.client()) {
            assertEquals("$4\r\nnode\r\n", r.call("FCALL", "from_node", "0"));
            assertEquals("$8\r\nredislib\r\n", r.call("FUNCTION", "LOAD", REDIS_LIB));
            assertEquals("+OK\r\n", r.call("SAVE"));
        }
        node = nodes.start(EmbeddedNodes.config(dir));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals("$4\r\nnode\r\n", c.call("FCALL_RO", "from_node", "0"));
            assertEquals("$31\r\nredis-server wrote this library\r\n", c.call("FCALL", "from_redis", "0"));
        } finally {
            node.stop();
        }
    }

    @Test
    void aRewrittenAppendOnlyFileKeepsTheLibraries() throws Exception {
        Path aofDir = Files.createDirectories(dir.resolve("aof"));
        NodeServer node = nodes.start(EmbeddedNodes.config(aofDir).with("appendonly", "yes"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals("$7\r\nnodelib\r\n", c.call("FUNCTION", "LOAD", NODE_LIB));
            c.call("BGREWRITEAOF");
            Poll.until(Duration.ofSeconds(60), "the AOF rewrite to finish",
                    () -> c.call("INFO", "persistence").contains("aof_rewrite_in_progress:0")
                            && c.call("INFO", "persistence").contains("aof_rewrite_scheduled:0"));
        } finally {
            node.stop();
        }
        node = nodes.start(EmbeddedNodes.config(aofDir).with("appendonly", "yes"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals("$4\r\nnode\r\n", c.call("FCALL", "from_node", "0"));
        } finally {
            node.stop();
        }
    }

    @Test
    void aReplicaGetsTheLibrariesInItsFullSync() throws Exception {
        int masterBus = EmbeddedNodes.busPort();
        NodeServer master = nodes.start(EmbeddedNodes.clusterConfig(Files.createDirectories(dir.resolve("m")),
                masterBus));
        NodeServer replica = nodes.start(EmbeddedNodes.clusterConfig(Files.createDirectories(dir.resolve("r")),
                EmbeddedNodes.busPort()));
        try (RespTestClient m = new RespTestClient(EmbeddedNodes.HOST, master.port());
             RespTestClient r = new RespTestClient(EmbeddedNodes.HOST, replica.port())) {
            String masterId = EmbeddedNodes.masterOfAllSlots(m);
            assertEquals("$7\r\nnodelib\r\n", m.call("FUNCTION", "LOAD", NODE_LIB));
            assertEquals("$8\r\nredislib\r\n", r.call("FUNCTION", "LOAD", REDIS_LIB));
            EmbeddedNodes.replicate(r, master.port(), masterBus, masterId);
            // The master's libraries replaced the replica's own, as the full copy replaced its data.
            assertEquals("$4\r\nnode\r\n", r.call("FCALL_RO", "from_node", "0"));
            assertEquals("-ERR Function not found\r\n", r.call("FCALL", "from_redis", "0"));
        } finally {
            replica.stop();
            master.stop();
        }
    }

}
