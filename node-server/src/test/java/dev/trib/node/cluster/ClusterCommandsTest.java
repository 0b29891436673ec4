package dev.trib.node.cluster;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Poll;
import dev.trib.node.support.RespTestClient;
import dev.trib.planner.topology.KeySlot;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster-mode node over TCP: slot commands, redirections, persistence of nodes.conf, and a bus
 * port that shrugs off garbage. The "other" node is written straight into the config: it owns
 * slots but never answers, which is all redirection needs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterCommandsTest {
    private static final String HOST = ClusterNodes.HOST;
    private static final String OTHER = "b".repeat(40);

    private static void addOtherOwning(NodeServer node, int from, int to) throws Exception {
        node.onLoop(() -> node.cluster().store().update(cfg -> {
            ClusterConfig.Editor e = cfg.edit().put(new ClusterNode(OTHER, HOST, 1, 2, "", NodeFlags.MASTER, null,
                    9, 0)).currentEpoch(9);
            for (int s = from; s <= to; s++) {
                e.setOwner(s, OTHER);
            }
            return e.build();
        }));
    }

    private static String keyInSlot(int slot) {
        for (int i = 0; ; i++) {
            String k = "k" + i;
            if (KeySlot.of(k.getBytes(StandardCharsets.ISO_8859_1)) == slot) {
                return k;
            }
        }
    }

    @Test
    void redirectsLikeRedisCluster() throws Exception {
        NodeServer node = ClusterNodes.start(600_000);
        try (RespTestClient c = new RespTestClient(HOST, node.port())) {
            assertEquals("-CLUSTERDOWN Hash slot not served\r\n", c.call("GET", "b"));
            assertEquals("+OK\r\n", c.call("CLUSTER", "ADDSLOTSRANGE", "0", "8191"));
            addOtherOwning(node, 8192, 16383);
            Poll.until(Duration.ofSeconds(10), "cluster_state:ok",
                    () -> c.call("CLUSTER", "INFO").contains("cluster_state:ok"));
            assertEquals("+OK\r\n", c.call("SET", "b", "1"));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("GET", "a"));
            assertEquals("-CROSSSLOT Keys in request don't hash to the same slot\r\n", c.call("MGET", "b", "c"));
            assertEquals("-ERR SELECT is not allowed in cluster mode\r\n", c.call("SELECT", "1"));
            assertEquals("+OK\r\n", c.call("SELECT", "0"));

            // Migrating: missing keys are asked for at the target; a mix of present and missing is TRYAGAIN.
            assertEquals("+OK\r\n", c.call("SET", "{b}1", "x"));
            assertEquals("+OK\r\n", c.call("CLUSTER", "SETSLOT", "3300", "MIGRATING", OTHER));
            assertEquals("$1\r\n1\r\n", c.call("GET", "b"));
            assertEquals("-ASK 3300 127.0.0.1:1\r\n", c.call("GET", "{b}2"));
            assertEquals("-TRYAGAIN Multiple keys request during rehashing of slot\r\n",
                    c.call("MGET", "{b}1", "{b}2"));
            assertEquals("-ASK 3300 127.0.0.1:1\r\n", c.call("MGET", "{b}2", "{b}3"));
            String nodes = c.call("CLUSTER", "NODES");
            assertTrue(nodes.contains(" 0-8191 [3300->-" + OTHER + "]\n"), nodes);
            assertEquals("-ERR Can't assign hashslot 3300 to a different node while I still hold keys for this "
                    + "hash slot.\r\n", c.call("CLUSTER", "SETSLOT", "3300", "NODE", OTHER));
            assertEquals("*2\r\n$1\r\nb\r\n$4\r\n{b}1\r\n".length(),
                    c.call("CLUSTER", "GETKEYSINSLOT", "3300", "10").length());
            assertEquals(":2\r\n", c.call("CLUSTER", "COUNTKEYSINSLOT", "3300"));
            assertEquals("+OK\r\n", c.call("CLUSTER", "SETSLOT", "3300", "STABLE"));

            // Importing: served only right after ASKING.
            assertEquals("+OK\r\n", c.call("CLUSTER", "SETSLOT", "15495", "IMPORTING", OTHER));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("GET", "a"));
            assertEquals("+OK\r\n", c.call("ASKING"));
            assertEquals("$-1\r\n", c.call("GET", "a"));
            assertEquals("-MOVED 15495 127.0.0.1:1\r\n", c.call("GET", "a"));
            assertEquals("+OK\r\n", c.call("ASKING"));
            assertEquals("+OK\r\n", c.call("SET", "a", "mine"));
            assertEquals("+OK\r\n", c.call("CLUSTER", "SETSLOT", "15495", "NODE", c.call("CLUSTER", "MYID")
                    .split("\r\n")[1]));
            assertEquals("$4\r\nmine\r\n", c.call("GET", "a"));
            String info = c.call("CLUSTER", "INFO");
            assertTrue(info.contains("cluster_my_epoch:10\r\n") && info.contains("cluster_current_epoch:10\r\n"),
                    "finishing an import takes a new epoch above the other node's 9: " + info);

            // An unserved slot takes the whole cluster down when full coverage is required.
            String k = keyInSlot(100);
            assertEquals("+OK\r\n", c.call("CLUSTER", "DELSLOTS", "100"));
            assertEquals("-CLUSTERDOWN Hash slot not served\r\n", c.call("GET", k));
            assertEquals("-CLUSTERDOWN The cluster is down\r\n", c.call("GET", "b"));
            assertEquals("+OK\r\n", c.call("CONFIG", "SET", "cluster-require-full-coverage", "no"));
            Poll.until(Duration.ofSeconds(5), "cluster_state:ok without full coverage",
                    () -> c.call("GET", "b").equals("$1\r\n1\r\n"));
        } finally {
            node.stop();
        }
    }

    @Test
    void configSurvivesARestart() throws Exception {
        NodeServer node = ClusterNodes.start();
        Path dir = Path.of(node.config().setting("dir"));
        String myId;
        try (RespTestClient c = new RespTestClient(HOST, node.port())) {
            myId = c.call("CLUSTER", "MYID").split("\r\n")[1];
            assertEquals("+OK\r\n", c.call("CLUSTER", "ADDSLOTSRANGE", "0", "99", "200", "299"));
            assertEquals("+OK\r\n", c.call("CLUSTER", "SET-CONFIG-EPOCH", "7"));
            assertEquals("+BUMPED 7\r\n".replace("BUMPED 7", "STILL 7"), c.call("CLUSTER", "BUMPEPOCH"));
        } finally {
            node.stop();
        }
        String file = Files.readString(dir.resolve("nodes.conf"));
        assertEquals(myId + " 127.0.0.1:" + node.port() + "@" + (node.port() + 10000)
                + " myself,master - 0 0 7 connected 0-99 200-299\nvars currentEpoch 7 lastVoteEpoch 0\n", file);
        NodeServer again = NodeServer.start(node.config(), ClusterNodes.quietLog());
        try (RespTestClient c = new RespTestClient(HOST, again.port())) {
            assertEquals("$40\r\n" + myId + "\r\n", c.call("CLUSTER", "MYID"));
            String info = c.call("CLUSTER", "INFO");
            assertTrue(info.contains("cluster_slots_assigned:200\r\n") && info.contains("cluster_my_epoch:7\r\n"), info);
            assertEquals("+OK\r\n", c.call("CLUSTER", "RESET", "HARD"));
            String newId = c.call("CLUSTER", "MYID").split("\r\n")[1];
            assertTrue(!newId.equals(myId) && newId.matches("[0-9a-f]{40}"), newId);
            assertTrue(c.call("CLUSTER", "INFO").contains("cluster_current_epoch:0\r\n"));
        } finally {
            again.stop();
        }
    }

    @Test
    void malformedBusTrafficClosesTheLinkAndNothingElse() throws Exception {
        NodeServer node = ClusterNodes.start();
        try {
            for (byte[] garbage : List.of("hello, this is not a bus message".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {'R', 'C', 'm', 'b', 0, 0, 0, 10, 0, 1}, new byte[] {'R', 'C', 'm', 'b', 127, 0, 0, 0})) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(HOST, node.busPort()), 5000);
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    out.write(garbage);
                    out.flush();
                    InputStream in = s.getInputStream();
                    assertEquals(-1, in.read(), "the node closes the link");
                }
            }
            try (RespTestClient c = new RespTestClient(HOST, node.port())) {
                assertEquals("+PONG\r\n", c.call("PING"));
                assertTrue(c.call("CLUSTER", "INFO").contains("cluster_known_nodes:1\r\n"));
            }
        } finally {
            node.stop();
        }
    }

    @Test
    void truncatedAndRandomBusFramesNeverStopTheNode() throws Exception {
        NodeServer node = ClusterNodes.start();
        Random random = new Random(42);
        try {
            // A header declaring 3000 bytes, then only 100 and a hang-up.
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, node.busPort()), 5000);
                ByteBuffer b = ByteBuffer.allocate(100).put(new byte[] {'R', 'C', 'm', 'b'})
                        .putInt(3000);
                s.getOutputStream().write(b.array());
            }
            // Frames with a valid signature and length but random bodies, and plain random bytes.
            for (int i = 0; i < 300; i++) {
                int len = 8 + random.nextInt(3000);
                byte[] frame = new byte[len];
                random.nextBytes(frame);
                if (i % 3 != 0) {
                    ByteBuffer.wrap(frame).put(new byte[] {'R', 'C', 'm', 'b'}).putInt(len)
                            .putShort((short) 1);
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(HOST, node.busPort()), 5000);
                    s.getOutputStream().write(frame);
                    s.getOutputStream().flush();
                }
            }
            try (RespTestClient c = new RespTestClient(HOST, node.port())) {
                assertEquals("+PONG\r\n", c.call("PING"));
                assertTrue(c.call("CLUSTER", "INFO").contains("cluster_known_nodes:1\r\n"));
            }
        } finally {
            node.stop();
        }
    }
}
