package dev.trib.node.persistence;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Poll;
import dev.trib.node.support.RespTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replica's AOF: the full copy from its master becomes a new base, the master's stream follows it. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplicaAofTest {
    @TempDir
    Path dir;
    private final EmbeddedNodes nodes = new EmbeddedNodes();



    @Test
    void theReplicasAofHoldsTheMastersDataAfterAFullResync() throws Exception {
        Path masterDir = Files.createDirectory(dir.resolve("master"));
        Path replicaDir = Files.createDirectory(dir.resolve("replica"));
        int masterBus = EmbeddedNodes.busPort();
        NodeServer master = nodes.start(EmbeddedNodes.clusterConfig(masterDir, masterBus));
        NodeServer replica = nodes.start(EmbeddedNodes.clusterConfig(replicaDir, EmbeddedNodes.busPort())
                .with("appendonly", "yes"));
        try (RespTestClient m = new RespTestClient(EmbeddedNodes.HOST, master.port());
             RespTestClient r = new RespTestClient(EmbeddedNodes.HOST, replica.port())) {
            String masterId = EmbeddedNodes.masterOfAllSlots(m);
            for (int i = 0; i < 200; i++) {
                assertEquals("+OK\r\n", m.call("SET", "before:{x}" + i, Integer.toString(i)));
            }
            r.call("SET", "replica-only", "dropped by the full copy");
            EmbeddedNodes.replicate(r, master.port(), masterBus, masterId);
            for (int i = 0; i < 100; i++) {
                assertEquals(":" + (i + 1) + "\r\n", m.call("INCR", "after:{x}"));
            }
            Poll.until(Duration.ofSeconds(20), "the replica to apply the stream",
                    () -> r.call("GET", "after:{x}").equals("$3\r\n100\r\n"));
            Poll.until(Duration.ofSeconds(20), "the replica's AOF rewrite", () -> {
                String info = r.call("INFO", "persistence");
                return info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0");
            });
        } finally {
            replica.stop();
            master.stop();
        }
        assertTrue(Files.readString(replicaDir.resolve("appendonlydir/appendonly.aof.manifest"))
                .contains("appendonly.aof.2.base.rdb"), "the full copy started a new base");
        // The replica's files alone, loaded by a standalone node: the master's data, nothing of the replica's own.
        NodeServer reader = nodes.start(EmbeddedNodes.config(replicaDir).with("appendonly", "yes"));
        try (RespTestClient c = new RespTestClient(EmbeddedNodes.HOST, reader.port())) {
            assertEquals(":201\r\n", c.call("DBSIZE"));
            assertEquals("$3\r\n100\r\n", c.call("GET", "after:{x}"));
            assertEquals("$3\r\n199\r\n", c.call("GET", "before:{x}199"));
        } finally {
            reader.stop();
        }
    }
}
