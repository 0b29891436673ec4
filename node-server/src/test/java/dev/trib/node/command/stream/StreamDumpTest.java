package dev.trib.node.command.stream;

import static dev.trib.node.support.ReplyDiff.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Streams in DUMP / RESTORE / MIGRATE payloads (RDB type 19) against a real redis-server 7.0: the same stream built
 * on both dumps to the same bytes, and a stream with consumer groups, pending entries and consumers dumped by one
 * server restores on the other to the same XINFO STREAM FULL (times included, as a payload carries them), both
 * ways, by RESTORE and by MIGRATE.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamDumpTest {
    private static final String HOST = "127.0.0.1";
    private static NodeServer node;
    private static RealRedis real;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: stream DUMP/RESTORE test SKIPPED ***");
        node = NodeServer.start(NodeConfig.defaults().withBind(List.of(HOST)).withPort(0));
        real = RealRedis.start(HOST, Ports.freeClusterPort(HOST));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.stop();
        }
        if (real != null) {
            real.close();
        }
    }

    /** Commands that build streams of every shape: one node, many nodes, deleted entries, trims, wide values. */
    private static List<String[]> builders() {
        List<String[]> out = new ArrayList<>();
        out.add(cmd("XADD one 1-1 f v"));
        out.add(cmd("XADD ints 5-5 1 -1 200 70000 9223372036854775807 -9223372036854775808 x 123456789012"));
        for (int i = 1; i <= 230; i++) {
            out.add(cmd("XADD many " + i + "-" + (i * 7) + " f" + (i % 2) + " v" + i + (i % 5 == 0 ? " g x" : "")));
        }
        out.add(cmd("XDEL many 3-21 150-1050 230-1610"));
        out.add(cmd("XTRIM many MINID 5"));
        out.add(cmd("XADD wide 1-1 f " + "abc".repeat(2000) + " n 1"));
        out.add(cmd("XADD wide 2-1 f " + "x".repeat(5000)));
        out.add(cmd("XADD emptied 1-1 f v"));
        out.add(cmd("XDEL emptied 1-1"));
        out.add(cmd("XSETID emptied 10-0 ENTRIESADDED 7 MAXDELETEDID 3-3"));
        out.add(cmd("XADD far 18446744073709551614-5 f v"));
        out.add(cmd("XADD far 18446744073709551615-18446744073709551615 f v"));
        out.add(cmd("XADD trimmed 1-1 f v"));
        out.add(cmd("XADD trimmed 2-1 f v"));
        out.add(cmd("XADD trimmed 3-1 f v"));
        out.add(cmd("XTRIM trimmed MAXLEN 1"));
        return out;
    }

    private static final List<String> KEYS = List.of("one", "ints", "many", "wide", "emptied", "far", "trimmed");

    @Test
    void theSameStreamDumpsToTheSameBytes() throws Exception {
        try (RespTestClient r = real.client(); RespTestClient n = new RespTestClient(HOST, node.port())) {
            r.call("FLUSHALL");
            n.call("FLUSHALL");
            for (String[] c : builders()) {
                assertEquals(printable(r.call(c)), printable(n.call(c)), String.join(" ", c));
            }
            for (String key : KEYS) {
                assertEquals(printable(r.call("DUMP", key)), printable(n.call("DUMP", key)), "DUMP " + key);
                assertEquals(printable(r.call("XINFO", "STREAM", key)), printable(n.call("XINFO", "STREAM", key)));
            }
        }
    }

    @Test
    void groupsAndPendingEntriesRestoreBothWays() throws Exception {
        try (RespTestClient r = real.client(); RespTestClient n = new RespTestClient(HOST, node.port())) {
            for (RespTestClient c : List.of(r, n)) {
                c.call("FLUSHALL");
                for (int i = 1; i <= 120; i++) {
                    c.call("XADD", "g", i + "-1", "field", "value" + i);
                }
                c.call("XGROUP", "CREATE", "g", "workers", "0");
                c.call("XGROUP", "CREATE", "g", "idle", "$");
                c.call("XGROUP", "CREATE", "g", "unknown", "5-0", "ENTRIESREAD", "-1");
                c.call("XREADGROUP", "GROUP", "workers", "alice", "COUNT", "10", "STREAMS", "g", ">");
                c.call("XREADGROUP", "GROUP", "workers", "bob", "COUNT", "5", "STREAMS", "g", ">");
                c.call("XACK", "g", "workers", "2-1", "3-1");
                c.call("XGROUP", "CREATECONSUMER", "g", "workers", "carol");
                c.call("XDEL", "g", "4-1");
            }
            assertRestores(r, n, "real -> node");
            assertRestores(n, r, "node -> real");
            // MIGRATE carries the same payload: node -> real, then back
            n.call("DEL", "g2");
            n.call("RENAME", "g", "g2");
            r.call("DEL", "g2");
            String full = n.call("XINFO", "STREAM", "g2", "FULL");
            assertEquals("+OK\r\n", n.call("MIGRATE", HOST, Integer.toString(real.port), "g2", "0", "5000"));
            assertEquals(printable(full), printable(r.call("XINFO", "STREAM", "g2", "FULL")));
            assertEquals("+OK\r\n", r.call("MIGRATE", HOST, Integer.toString(node.port()), "g2", "0", "5000"));
            assertEquals(printable(full), printable(n.call("XINFO", "STREAM", "g2", "FULL")));
            assertEquals(":0\r\n", r.call("EXISTS", "g2"));
        }
    }

    private static void assertRestores(RespTestClient from, RespTestClient to, String how) throws Exception {
        byte[] payload = bulk(from.call("DUMP", "g"));
        to.call("DEL", "restored");
        to.send(restore(payload));
        assertEquals("+OK\r\n", to.readReply(), how);
        String expected = from.call("XINFO", "STREAM", "g", "FULL");
        assertTrue(expected.contains("alice"), expected);
        assertEquals(printable(expected), printable(to.call("XINFO", "STREAM", "restored", "FULL")), how);
        assertEquals(printable(from.call("XINFO", "GROUPS", "g")), printable(to.call("XINFO", "GROUPS", "restored")),
                how);
        assertEquals(printable(from.call("XPENDING", "g", "workers")),
                printable(to.call("XPENDING", "restored", "workers")), how);
        assertEquals(printable(from.call("XRANGE", "g", "-", "+")), printable(to.call("XRANGE", "restored", "-", "+")),
                how);
    }

    private static byte[] bulk(String reply) {
        int crlf = reply.indexOf("\r\n");
        int len = Integer.parseInt(reply.substring(1, crlf));
        return reply.substring(crlf + 2, crlf + 2 + len).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] restore(byte[] payload) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("*4\r\n$7\r\nRESTORE\r\n$8\r\nrestored\r\n$1\r\n0\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(("$" + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String[] cmd(String line) {
        return line.split(" ");
    }
}
