package dev.trib.node.persistence;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Datasets;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Resp;
import dev.trib.node.support.RespTestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The append-only file on an in-process node: layout, replay at start-up, truncated tails, enabling at run time, rewrites. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AppendOnlyFileTest {
    @TempDir
    Path dir;
    private final EmbeddedNodes nodes = new EmbeddedNodes();

    private NodeConfig aofConfig(String fsync) {
        return EmbeddedNodes.config(dir).with("appendonly", "yes").with("appendfsync", fsync);
    }

    private Path aofDir() {
        return dir.resolve("appendonlydir");
    }

    private String manifest() throws Exception {
        return Files.readString(aofDir().resolve("appendonly.aof.manifest"));
    }

    private static String info(RespTestClient c, String field) throws Exception {
        for (String line : c.call("INFO", "persistence").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no " + field + " in INFO");
    }

    private void awaitRewriteDone(RespTestClient c) throws Exception {
        Poll.until(Duration.ofSeconds(20), "the AOF rewrite to finish", () -> info(c, "aof_rewrite_in_progress")
                .equals("0") && info(c, "aof_rewrite_scheduled").equals("0"));
        assertEquals("ok", info(c, "aof_last_bgrewrite_status"));
    }

    @Test
    void writesAreReplayedAfterARestartFromRedisLayoutFiles() throws Exception {
        Map<String, Datasets.Entry> before;
        NodeServer node = nodes.start(aofConfig("always"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            awaitRewriteDone(c);
            assertEquals("1", info(c, "aof_enabled"));
            Datasets.fill(c, "a:");
            c.call("INCR", "counter");
            c.call("INCRBYFLOAT", "float", "1.5");
            c.call("SET", "gone", "x", "EX", "100");
            c.call("DEL", "gone");
            before = Datasets.picture(c);
        } finally {
            node.stop();
        }
        assertEquals("file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n",
                manifest());
        String incr = Files.readString(aofDir().resolve("appendonly.aof.1.incr.aof"), StandardCharsets.ISO_8859_1);
        assertTrue(incr.contains("PEXPIREAT"), "relative TTLs are stored as absolute times");
        node = nodes.start(aofConfig("everysec"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            Datasets.assertSame(before, Datasets.picture(c));
        } finally {
            node.stop();
        }
        assertTrue(nodes.log().matches("(?s).*DB loaded from append only file: \\d+\\.\\d{3} seconds.*"), nodes.log());
    }

    @Test
    void aTruncatedLastCommandIsDroppedWithAWarningAndAppendingContinuesAfterIt() throws Exception {
        NodeServer node = nodes.start(aofConfig("always"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            awaitRewriteDone(c);
            c.call("SET", "whole", "1");
        } finally {
            node.stop();
        }
        Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
        long whole = Files.size(incr);
        byte[] cut = Arrays.copyOf(Resp.command("SET", "half", "2"), 20);
        Files.write(incr, cut, StandardOpenOption.APPEND);
        node = nodes.start(aofConfig("always"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals("$1\r\n1\r\n", c.call("GET", "whole"));
            assertEquals(":0\r\n", c.call("EXISTS", "half"));
            assertEquals(whole, Files.size(incr), "the partial command was cut off the file");
            c.call("SET", "after", "3");
        } finally {
            node.stop();
        }
        assertTrue(nodes.log().contains("!!! Warning: short read while loading the AOF file appendonly.aof.1.incr.aof!!!"));
        node = nodes.start(aofConfig("always"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals(":2\r\n", c.call("EXISTS", "whole", "after"));
        } finally {
            node.stop();
        }
    }

    @Test
    void enablingAtRunTimeStartsFromABaseOfTheDatasetAndTheAofWinsOverTheRdb() throws Exception {
        NodeServer node = nodes.start(EmbeddedNodes.config(dir));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            c.call("SET", "old", "1");
            c.call("RPUSH", "list", "a", "b");
            assertEquals("0", info(c, "aof_enabled"));
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "appendonly", "yes"));
            c.call("RPUSH", "list", "c");
            awaitRewriteDone(c);
            c.call("SET", "new", "2");
            assertEquals("+OK\r\n", c.call("SAVE"));
            c.call("SET", "after-save", "3");
        } finally {
            node.stop();
        }
        node = nodes.start(aofConfig("everysec"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals(":3\r\n", c.call("EXISTS", "old", "new", "after-save"));
            assertEquals(Resp.wire(dev.trib.node.resp.Replies.array(java.util.List.of(
                    dev.trib.node.resp.BulkReply.of("a"), dev.trib.node.resp.BulkReply.of("b"),
                    dev.trib.node.resp.BulkReply.of("c")))), c.call("LRANGE", "list", "0", "-1"));
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "appendonly", "no"));
            c.call("SET", "not-in-aof", "4");
        } finally {
            node.stop();
        }
        node = nodes.start(aofConfig("everysec"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals(":0\r\n", c.call("EXISTS", "not-in-aof"));
        } finally {
            node.stop();
        }
    }

    @Test
    void bgrewriteaofCompactsTheHistory() throws Exception {
        NodeServer node = nodes.start(aofConfig("no"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            awaitRewriteDone(c);
            for (int i = 0; i < 2000; i++) {
                c.call("INCR", "counter");
            }
            assertEquals("+Background append only file rewriting started\r\n", c.call("BGREWRITEAOF"));
            c.call("INCR", "counter");
            awaitRewriteDone(c);
            assertEquals("1", info(c, "aof_rewrites"));
        } finally {
            node.stop();
        }
        assertEquals("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n",
                manifest());
        assertTrue(Files.size(aofDir().resolve("appendonly.aof.2.incr.aof")) < 100, "only the last INCR is left");
        try (var files = Files.list(aofDir())) {
            assertEquals(3, files.count(), "the old base and incr file were removed");
        }
        node = nodes.start(aofConfig("no"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals("$4\r\n2001\r\n", c.call("GET", "counter"));
        } finally {
            node.stop();
        }
    }
}
