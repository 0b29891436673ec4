package dev.trib.node.persistence;

import dev.trib.node.support.NodeProcess;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RespTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a node-server process while clients write, then a restart on the same directory:
 * every acknowledged write must be there (appendfsync always), the last SAVE's data must be there
 * (RDB), and a cluster node must come back as itself with its slots and keys.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {
    private static final int WRITERS = 3;

    @TempDir
    Path dir;

    private static int port() {
        return Ports.freeInRange(NodeProcess.HOST, 26000, 27000);
    }

    /** What one writer saw acknowledged: op n of writer w touched counter:w, s:w:n, h:w field n, list:w. */
    private static final class Writer implements Runnable {
        final int id;
        final int port;
        final AtomicBoolean stop;
        final AtomicLong acked = new AtomicLong();
        volatile long lastIncr;

        Writer(int id, int port, AtomicBoolean stop) {
            this.id = id;
            this.port = port;
            this.stop = stop;
        }

        @Override
        public void run() {
            try (RespTestClient c = new RespTestClient(NodeProcess.HOST, port)) {
                for (long n = 0; !stop.get(); n++) {
                    String v = Long.toString(n);
                    String incr = c.call("INCR", "counter:" + id);
                    expect(c.call("SET", "s:" + id + ":" + n, v), "+OK\r\n");
                    expect(c.call("HSET", "h:" + id, "f" + n, v), ":1\r\n");
                    expect(c.call("RPUSH", "list:" + id, v), ":" + (n + 1) + "\r\n");
                    lastIncr = Long.parseLong(incr.substring(1).trim());
                    acked.set(n + 1); // all four writes of op n were answered
                }
            } catch (IOException e) {
                // the node was killed
            }
        }

        private static void expect(String reply, String wanted) throws IOException {
            if (!reply.equals(wanted)) {
                throw new IOException("unexpected reply " + reply.trim());
            }
        }
    }

    @Test
    void appendfsyncAlwaysKeepsEveryAcknowledgedWriteThroughAKill9() throws Exception {
        int port = port();
        String[] args = {"--appendonly", "yes", "--appendfsync", "always", "--save", ""};
        NodeProcess node = NodeProcess.start(dir, port, args);
        AtomicBoolean stop = new AtomicBoolean();
        List<Writer> writers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                Writer writer = new Writer(w, port, stop);
                writers.add(writer);
                Thread t = new Thread(writer, "writer-" + w);
                threads.add(t);
                t.start();
            }
            Poll.until(Duration.ofSeconds(60), "each writer to have 300 acknowledged operations",
                    () -> writers.stream().allMatch(x -> x.acked.get() >= 300));
            node.kill(); // while the writers are mid-flight
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(20_000);
            }
            node.close();
        }
        try (NodeProcess again = NodeProcess.start(dir, port, args); RespTestClient c = again.client()) {
            for (Writer w : writers) {
                long acked = w.acked.get();
                long counter = Long.parseLong(c.call("GET", "counter:" + w.id).split("\r\n")[1]);
                assertTrue(counter >= w.lastIncr, "counter:" + w.id + " = " + counter + " < acknowledged " + w.lastIncr);
                for (long n = 0; n < acked; n++) {
                    String v = Long.toString(n);
                    assertEquals("$" + v.length() + "\r\n" + v + "\r\n", c.call("GET", "s:" + w.id + ":" + n));
                }
                long fields = Long.parseLong(c.call("HLEN", "h:" + w.id).substring(1).trim());
                assertTrue(fields >= acked, "h:" + w.id + " has " + fields + " fields, " + acked + " acknowledged");
                String first = c.call("LINDEX", "list:" + w.id, Long.toString(acked - 1));
                String expected = Long.toString(acked - 1);
                assertEquals("$" + expected.length() + "\r\n" + expected + "\r\n", first, "list:" + w.id);
            }
            assertTrue(again.log().contains("DB loaded from append only file"), again.log());
        }
    }

    @Test
    void dataSavedWithSaveSurvivesAKill9() throws Exception {
        int port = port();
        try (NodeProcess node = NodeProcess.start(dir, port, "--save", "3600 1")) {
            try (RespTestClient c = node.client()) {
                for (int i = 0; i < 1000; i++) {
                    c.call("SET", "k" + i, "v" + i);
                }
                c.call("HSET", "h", "f", "v");
                c.call("RPUSH", "l", "a", "b", "c");
                assertEquals("+OK\r\n", c.call("SAVE"));
                c.call("SET", "after-save", "1");
            }
            node.kill();
        }
        try (NodeProcess again = NodeProcess.start(dir, port); RespTestClient c = again.client()) {
            assertEquals(":1002\r\n", c.call("DBSIZE"));
            assertEquals("$4\r\nv999\r\n", c.call("GET", "k999"));
            assertEquals(":0\r\n", c.call("EXISTS", "after-save"), "written after SAVE, killed before any save");
            assertTrue(again.log().contains("DB loaded from disk"), again.log());
        }
    }

    @Test
    void aClusterNodeComesBackAsItselfWithItsSlotsAndKeys() throws Exception {
        int port = port();
        int busPort = port();
        String[] args = {"--cluster-enabled", "yes", "--cluster-port", Integer.toString(busPort),
                "--cluster-announce-ip", NodeProcess.HOST, "--appendonly", "yes", "--appendfsync", "always"};
        String myId;
        try (NodeProcess node = NodeProcess.start(dir, port, args)) {
            try (RespTestClient c = node.client()) {
                myId = c.call("CLUSTER", "MYID").split("\r\n")[1];
                assertEquals("+OK\r\n", c.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383"));
                Poll.until(Duration.ofSeconds(10), "cluster_state:ok",
                        () -> c.call("CLUSTER", "INFO").contains("cluster_state:ok"));
                for (int i = 0; i < 500; i++) {
                    assertEquals("+OK\r\n", c.call("SET", "key:" + i, "value:" + i));
                }
            }
            node.kill();
        }
        assertTrue(Files.readString(dir.resolve("nodes.conf")).contains(myId));
        try (NodeProcess again = NodeProcess.start(dir, port, args); RespTestClient c = again.client()) {
            assertEquals(myId, c.call("CLUSTER", "MYID").split("\r\n")[1]);
            Poll.until(Duration.ofSeconds(10), "cluster_state:ok",
                    () -> c.call("CLUSTER", "INFO").contains("cluster_state:ok"));
            assertTrue(c.call("CLUSTER", "INFO").contains("cluster_slots_assigned:16384"));
            assertEquals(":500\r\n", c.call("DBSIZE"));
            assertEquals("$9\r\nvalue:499\r\n", c.call("GET", "key:499"));
        }
    }
}
