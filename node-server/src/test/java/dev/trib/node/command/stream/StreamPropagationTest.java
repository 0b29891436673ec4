package dev.trib.node.command.stream;

import static dev.trib.node.support.ReplyDiff.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.support.Blocked;
import dev.trib.node.support.SideBySide;
import dev.trib.node.support.RespTestClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a replica receives for stream writes, byte for byte from redis-server 7.0 and from the node: XADD with the ID
 * it used, approximate trims as the exact ones they amounted to, XREADGROUP as XCLAIMs (several in MULTI … EXEC) and
 * XGROUP SETID / CREATECONSUMER for NOACK, claims as XCLAIMs, nothing for writes that changed nothing, and a blocked
 * XREADGROUP served by an XADD after that XADD. Times (delivery times, IDs from the clock) are masked.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StreamPropagationTest {
    private static final String HOST = "127.0.0.1";
    private static final List<String> SCRIPT = List.of(
            "XADD s 1-1 a 1", "XADD s 2-* a 2", "XADD s * a 3", "XADD s NOMKSTREAM 5 b 1", "XADD nokey NOMKSTREAM * f v",
            "XADD s 1-1 a 1", "XDEL s 9-9", "XDEL s 2-0", "XTRIM s MAXLEN 100", "XTRIM s MAXLEN = 2",
            "XGROUP CREATE s g 0", "XGROUP CREATE s g 0", "XGROUP CREATE q g $ MKSTREAM",
            "XREADGROUP GROUP g alice COUNT 2 STREAMS s >", "XREADGROUP GROUP g alice STREAMS s >",
            "XREADGROUP GROUP g alice STREAMS s 0", "XACK s g 9-9", "XACK s g 5-0",
            "XGROUP CREATE s g2 0", "XREADGROUP GROUP g2 bob NOACK STREAMS s >",
            "XCLAIM s g carol 0 4-0 JUSTID", "XCLAIM s g carol 3600000 4-0", "XCLAIM s g carol 0 99-0 LASTID 99-0",
            "XDEL s 5-0", "XAUTOCLAIM s g dave 0 0", "XSETID s 200-0 ENTRIESADDED 50 MAXDELETEDID 5-0",
            "XGROUP SETID s g 1-1 ENTRIESREAD 1", "XGROUP CREATECONSUMER s g erin", "XGROUP CREATECONSUMER s g erin",
            "XGROUP DELCONSUMER s g nobody", "XGROUP DELCONSUMER s g erin", "XGROUP DESTROY s g2",
            "XGROUP DESTROY s g2", "DEL big");

    @Test
    void streamWritesReachReplicasAsFromRedis() throws Exception {
        try (SideBySide both = SideBySide.standalone("--repl-diskless-sync", "no")) {
            SideBySide.Streams streams = both.replicaStreams(StreamPropagationTest::writes);
            for (String sent : List.of("XCLAIM", "MULTI", "SETID", "CREATECONSUMER", "MAXLEN\r\n$1\r\n=",
                    "MINID\r\n$1\r\n=")) {
                assertTrue(streams.redis().contains(sent), sent + " in " + printable(streams.redis()));
            }
            assertEquals(printable(masked(streams.redis())), printable(masked(streams.node())));
        }
    }

    private static String masked(String stream) {
        return stream.replaceAll("\\$\\d+\r\n1\\d{12}-\\d+\r\n", "\\$ID\r\n")
                .replaceAll("\\$13\r\n1\\d{12}\r\n", "\\$TIME\r\n");
    }

    /** Every kind of stream write, approximate trims, and blocked group readers served by an XADD. */
    private static void writes(String host, int p) throws Exception {
        try (RespTestClient client = new RespTestClient(host, p);
             RespTestClient blocked = new RespTestClient(host, p)) {
            for (String command : SCRIPT) {
                client.call(command.split(" "));
            }
            // approximate trims: 250 entries in three nodes, trimmed by whole nodes
            for (int i = 1; i <= 250; i++) {
                client.call("XADD", "big", i + "-1", "f", "v" + i);
            }
            client.call("XTRIM", "big", "MAXLEN", "~", "120");
            client.call("XTRIM", "big", "MAXLEN", "~", "120");
            client.call("XADD", "big", "MINID", "~", "220", "300-1", "f", "v");
            client.call("XTRIM", "big", "MINID", "260");
            // a blocked group reader served by an XADD: the XADD, then its XCLAIM
            client.call("XGROUP", "CREATE", "b", "g", "$", "MKSTREAM");
            Blocked.send(blocked, client, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "b", ">");
            client.call("XADD", "b", "1-1", "f", "v");
            blocked.readReply();
            Blocked.send(blocked, client, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "NOACK", "STREAMS", "b",
                    ">");
            client.call("XADD", "b", "2-1", "f", "v");
            blocked.readReply();
        }
    }
}
