package dev.trib.node.persistence;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Datasets;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Resp;
import dev.trib.node.support.RespTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** dump.rdb on an in-process node: SAVE, BGSAVE, LASTSAVE, save points, SHUTDOWN, DEBUG RELOAD, start-up loading. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RdbPersistenceTest {
    @TempDir
    Path dir;
    private final EmbeddedNodes nodes = new EmbeddedNodes();

    private static String info(RespTestClient c, String field) throws Exception {
        for (String line : c.call("INFO", "persistence").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no " + field + " in INFO");
    }

    @Test
    void saveWritesEveryTypeAndARestartLoadsItBack() throws Exception {
        NodeConfig config = EmbeddedNodes.config(dir);
        Map<String, Datasets.Entry> before;
        NodeServer node = nodes.start(config);
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            Datasets.fill(c, "k:");
            assertTrue(Long.parseLong(info(c, "rdb_changes_since_last_save")) >= 20, "writes counted");
            assertEquals("+OK\r\n", c.call("SAVE"));
            assertEquals("0", info(c, "rdb_changes_since_last_save"));
            long lastsave = Long.parseLong(c.call("LASTSAVE").substring(1).trim());
            assertTrue(Math.abs(lastsave - System.currentTimeMillis() / 1000) <= 2, "LASTSAVE " + lastsave);
            assertEquals(lastsave, Long.parseLong(info(c, "rdb_last_save_time")));
            before = Datasets.picture(c);
        } finally {
            node.stop();
        }
        assertTrue(Files.size(dir.resolve("dump.rdb")) > 10_000);
        node = nodes.start(config);
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            Datasets.assertSame(before, Datasets.picture(c));
            assertEquals(Integer.toString(before.size()), info(c, "rdb_last_load_keys_loaded"));
        } finally {
            node.stop();
        }
        assertTrue(nodes.log().matches("(?s).*DB loaded from disk: \\d+\\.\\d{3} seconds.*"), nodes.log());
    }

    @Test
    void bgsaveWritesInTheBackgroundAndRefusesASecondOneMeanwhile() throws Exception {
        NodeServer node = nodes.start(EmbeddedNodes.config(dir).with("enable-debug-command", "yes"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals("+OK\r\n", c.call("DEBUG", "POPULATE", "100000", "key", "100"));
            // Both in one packet: the second runs before the first's write can have finished.
            c.send(concat(Resp.command("BGSAVE"), Resp.command("BGSAVE")));
            assertEquals("+Background saving started\r\n", c.readReply());
            assertEquals("-ERR Background save already in progress\r\n", c.readReply());
            Poll.until(Duration.ofSeconds(20), "the background save to end",
                    () -> info(c, "rdb_bgsave_in_progress").equals("0"));
            assertEquals("ok", info(c, "rdb_last_bgsave_status"));
            assertEquals("0", info(c, "rdb_changes_since_last_save"));
            assertEquals("-ERR syntax error\r\n", c.call("BGSAVE", "LATER"));
        } finally {
            node.stop();
        }
        node = nodes.start(EmbeddedNodes.config(dir));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals(":100000\r\n", c.call("DBSIZE"));
        } finally {
            node.stop();
        }
    }

    @Test
    void aReachedSavePointTriggersABackgroundSave() throws Exception {
        NodeServer node = nodes.start(EmbeddedNodes.config(dir).with("save", "1 2"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            c.call("SET", "a", "1");
            assertEquals("1", info(c, "rdb_changes_since_last_save"));
            c.call("SET", "b", "2");
            Poll.until(Duration.ofSeconds(10), "a save after 2 changes and 1 second",
                    () -> Files.exists(dir.resolve("dump.rdb")) && info(c, "rdb_changes_since_last_save").equals("0"));
            assertTrue(nodes.log().contains("2 changes in 1 seconds. Saving..."), nodes.log());
            c.call("CONFIG", "SET", "save", "");
            c.call("SET", "c", "3");
        } finally {
            node.stop();
        }
        node = nodes.start(EmbeddedNodes.config(dir));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals(":2\r\n", c.call("DBSIZE"), "saving disabled: c is not in the file");
        } finally {
            node.stop();
        }
    }

    @Test
    void shutdownSavesWhenSavePointsAreSetAndNosaveSkipsIt() throws Exception {
        NodeConfig config = EmbeddedNodes.config(dir).with("save", "3600 1");
        NodeServer node = nodes.start(config);
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            c.call("SET", "kept", "1");
            c.send(Resp.command("SHUTDOWN"));
            assertTrue(c.isClosedByPeer(), "closed without a reply, as redis-server");
        }
        awaitStopped(node);
        node = nodes.start(config);
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals("$1\r\n1\r\n", c.call("GET", "kept"));
            c.call("SET", "lost", "1");
            c.send(Resp.command("SHUTDOWN", "NOSAVE"));
            assertTrue(c.isClosedByPeer(), "closed without a reply, as redis-server");
        }
        awaitStopped(node);
        node = nodes.start(EmbeddedNodes.config(dir));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals(":0\r\n", c.call("EXISTS", "lost"));
            c.call("SET", "forced", "1");
            c.send(Resp.command("SHUTDOWN", "SAVE"));
            assertTrue(c.isClosedByPeer(), "closed without a reply, as redis-server");
        }
        awaitStopped(node);
        node = nodes.start(EmbeddedNodes.config(dir));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            assertEquals(":2\r\n", c.call("EXISTS", "kept", "forced"));
        } finally {
            node.stop();
        }
    }

    @Test
    void debugReloadKeepsTheDataset() throws Exception {
        NodeServer node = nodes.start(EmbeddedNodes.config(dir).with("enable-debug-command", "yes"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
            Datasets.fill(c, "r:");
            Map<String, Datasets.Entry> before = Datasets.picture(c);
            assertEquals("+OK\r\n", c.call("DEBUG", "RELOAD"));
            Datasets.assertSame(before, Datasets.picture(c));
        } finally {
            node.stop();
        }
    }

    @Test
    void aCorruptDumpStopsTheStartAndIsLeftAsItWas() throws Exception {
        byte[] corrupt = "REDIS0010garbage".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(dir.resolve("dump.rdb"), corrupt);
        NodeConfig config = EmbeddedNodes.config(dir).with("save", "1 1");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> nodes.start(config));
        assertTrue(e.getMessage().contains("Fatal error loading the DB"), e.getMessage());
        assertArrayEquals(corrupt, Files.readAllBytes(dir.resolve("dump.rdb")));
        assertFalse(nodes.log().contains("DB saved on disk"));
    }

    static void awaitStopped(NodeServer node) throws Exception {
        Poll.until(Duration.ofSeconds(15), "the node to stop", () -> {
            try (RespTestClient ignored = new RespTestClient(EmbeddedNodes.HOST, node.port())) {
                return false;
            } catch (java.io.IOException refused) {
                return true;
            }
        });
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
