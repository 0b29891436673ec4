package dev.trib.node.persistence;

import static dev.trib.node.support.ReplyDiff.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Blocked;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica applies a node-server master's stream writes (XADD with generated IDs, ~ trims, XREADGROUP as XCLAIMs,
 * XCLAIM, XAUTOCLAIM, XSETID, a blocked reader served) and ends with the same streams: a node-server replica, and a
 * redis-server 7.0 replica (which checks that what the node sends is what redis-server understands). Compared by
 * XINFO STREAM FULL; a consumer's seen-time is the replica's own clock in Redis too, so it is left out.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamReplicaTest {
    private static final String KEY = "s{x}";
    private static final String JOBS = "jobs{x}";
    @TempDir
    Path dir;
    private final EmbeddedNodes nodes = new EmbeddedNodes();



    @Test
    void aNodeServerReplicaEndsWithTheMastersStreams() throws Exception {
        Path masterDir = Files.createDirectory(dir.resolve("master"));
        Path replicaDir = Files.createDirectory(dir.resolve("replica"));
        int masterBus = EmbeddedNodes.busPort();
        NodeServer master = nodes.start(EmbeddedNodes.clusterConfig(masterDir, masterBus));
        NodeServer replica = nodes.start(EmbeddedNodes.clusterConfig(replicaDir, EmbeddedNodes.busPort()));
        try (RespTestClient m = new RespTestClient(EmbeddedNodes.HOST, master.port());
             RespTestClient r = new RespTestClient(EmbeddedNodes.HOST, replica.port())) {
            String masterId = EmbeddedNodes.masterOfAllSlots(m);
            EmbeddedNodes.replicate(r, master.port(), masterBus, masterId);
            workload(master.port(), m);
            assertSameStreams(m, r);
        } finally {
            replica.stop();
            master.stop();
        }
    }

    @Test
    void aRedisServerReplicaEndsWithTheMastersStreams() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: stream replica interop test SKIPPED ***");
        Path masterDir = Files.createDirectory(dir.resolve("master"));
        int masterBus = EmbeddedNodes.busPort();
        NodeServer master = nodes.start(EmbeddedNodes.clusterConfig(masterDir, masterBus));
        // Its bus port (port + 10000) must be free too: freeClusterPort probes both.
        int replicaPort = Ports.freeClusterPort(EmbeddedNodes.HOST);
        try (RealRedis redis = RealRedis.startCluster(EmbeddedNodes.HOST, replicaPort);
             RespTestClient m = new RespTestClient(EmbeddedNodes.HOST, master.port());
             RespTestClient r = redis.client()) {
            String masterId = EmbeddedNodes.masterOfAllSlots(m);
            EmbeddedNodes.replicate(r, master.port(), masterBus, masterId);
            workload(master.port(), m);
            assertSameStreams(m, r);
        } finally {
            master.stop();
        }
    }


    private static void workload(int port, RespTestClient m) throws Exception {
        for (int i = 0; i < 260; i++) {
            m.call("XADD", KEY, "MAXLEN", "~", "150", "*", "n", Integer.toString(i));
        }
        m.call("XTRIM", KEY, "MINID", "~", "0-1");
        m.call("XDEL", KEY, m.call("XRANGE", KEY, "-", "+", "COUNT", "1").split("\r\n")[3]);
        for (int i = 1; i <= 20; i++) {
            m.call("XADD", JOBS, i + "-*", "job", "j" + i);
        }
        m.call("XGROUP", "CREATE", JOBS, "g", "0");
        m.call("XGROUP", "CREATE", JOBS, "audit", "$", "ENTRIESREAD", "20");
        m.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "5", "STREAMS", JOBS, ">");
        m.call("XREADGROUP", "GROUP", "g", "bob", "NOACK", "COUNT", "3", "STREAMS", JOBS, ">");
        m.call("XACK", JOBS, "g", "1-0");
        m.call("XCLAIM", JOBS, "g", "carol", "0", "2-0", "3-0", "RETRYCOUNT", "4");
        m.call("XDEL", JOBS, "4-0");
        m.call("XAUTOCLAIM", JOBS, "g", "dave", "0", "0", "COUNT", "2");
        m.call("XGROUP", "CREATECONSUMER", JOBS, "g", "erin");
        m.call("XGROUP", "SETID", JOBS, "audit", "10-0", "ENTRIESREAD", "10");
        try (RespTestClient waiting = new RespTestClient(EmbeddedNodes.HOST, port)) {
            // NOACK: the group's entries-read reaches replicas by XGROUP SETID; an acknowledged read's XCLAIM ... LASTID
            // moves only the last ID there, in Redis too, so its entries-read would differ on any replica.
            m.call("XGROUP", "CREATE", JOBS, "late", "$");
            Blocked.send(waiting, m, "XREADGROUP", "GROUP", "late", "frank", "BLOCK", "0", "NOACK", "STREAMS", JOBS,
                    ">");
            m.call("XADD", JOBS, "30-0", "job", "late");
            assertTrue(waiting.readReply().contains("late"));
        }
        m.call("XSETID", JOBS, "40-0", "ENTRIESADDED", "50", "MAXDELETEDID", "4-0");
    }

    private static void assertSameStreams(RespTestClient m, RespTestClient r) throws Exception {
        String offset = field(m.call("INFO", "replication"), "master_repl_offset");
        Poll.until(Duration.ofSeconds(20), "the replica at offset " + offset, () -> {
            String info = r.call("INFO", "replication");
            return offset.equals(field(info, "slave_repl_offset")) || offset.equals(field(info, "master_repl_offset"));
        });
        for (String key : List.of(KEY, JOBS)) {
            String expected = seenTimeless(m.call("XINFO", "STREAM", key, "FULL", "COUNT", "0"));
            assertTrue(expected.length() > 200, expected);
            assertEquals(printable(expected), printable(seenTimeless(r.call("XINFO", "STREAM", key, "FULL", "COUNT",
                    "0"))), key);
        }
    }

    private static String seenTimeless(String reply) {
        return reply.replaceAll("(\\$9\r\nseen-time\r\n):\\d+", "$1:#");
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        return null;
    }
}
