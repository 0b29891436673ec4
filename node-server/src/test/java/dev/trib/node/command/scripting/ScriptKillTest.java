package dev.trib.node.command.scripting;

import static dev.trib.node.support.ReplyDiff.printable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.Resp;
import dev.trib.node.support.RespTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A script that runs past busy-reply-threshold, against redis-server 7.0 and the node with the same transcript:
 * other clients get -BUSY (the command sent while the script was still under the threshold too), SCRIPT KILL and
 * FUNCTION KILL stop the script of their kind (the other kind answers -BUSY), FUNCTION STATS shows the running
 * function, a script that wrote is UNKILLABLE and SHUTDOWN NOSAVE still ends the server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScriptKillTest {
    private static final String SPIN = "local i = 0 while true do i = i + 1 end";
    private static final String LIB = "#!lua name=spinlib\n"
            + "redis.register_function('spin', function() local i = 0 while true do i = i + 1 end end)";

    @Test
    void busyScriptsAreKilledAsInRedis() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: script kill differential test SKIPPED ***");
        List<String> theirs;
        try (RealRedis real = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"))) {
            theirs = transcript(real.port);
        }
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        List<String> ours;
        try {
            ours = transcript(node.port());
        } finally {
            node.stop();
        }
        assertTrue(theirs.get(2).startsWith("-BUSY"), theirs.toString());
        assertEquals(String.join("\n", theirs), String.join("\n", ours));
    }

    /**
     * PINGs until the script has started (a PING may be read before the EVAL sent on the other connection): the
     * first one read after it is held until the threshold passes, then answered -BUSY.
     */
    private static String busy(RespTestClient b) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String reply;
        do {
            reply = b.call("PING");
        } while (reply.equals("+PONG\r\n") && System.nanoTime() < deadline);
        return reply;
    }

    /** The connection ends without another byte (SHUTDOWN does not answer). */
    private static boolean closes(RespTestClient b) throws Exception {
        return b.isClosedByPeer();
    }

    /** What both clients read; A runs the scripts, B talks to the busy server. */
    private static List<String> transcript(int port) throws Exception {
        List<String> out = new ArrayList<>();
        try (RespTestClient a = new RespTestClient("127.0.0.1", port);
             RespTestClient b = new RespTestClient("127.0.0.1", port)) {
            out.add(a.call("CONFIG", "SET", "lua-time-limit", "300"));
            out.add(b.call("SCRIPT", "KILL"));
            a.send(Resp.command("EVAL", SPIN, "0"));
            out.add(busy(b)); // sent before the threshold passes: answered -BUSY once it has
            out.add(b.call("CONFIG", "GET", "busy-reply-threshold"));
            out.add(b.call("GET", "x"));
            out.add(b.call("FUNCTION", "KILL"));
            out.add(b.call("FUNCTION", "STATS"));
            out.add(b.call("SCRIPT", "KILL"));
            out.add(a.readReply());
            out.add(a.call("PING"));
            out.add(b.call("PING"));

            out.add(a.call("FUNCTION", "LOAD", LIB));
            a.send(Resp.command("FCALL", "spin", "0"));
            out.add(busy(b));
            out.add(b.call("SCRIPT", "KILL"));
            out.add(printable(b.call("FUNCTION", "STATS")).replaceAll("duration_ms\\\\r\\\\n:\\d+", "duration_ms:N"));
            out.add(b.call("FUNCTION", "KILL"));
            out.add(a.readReply());

            a.send(Resp.command("EVAL", "redis.call('SET', 'x', '1') " + SPIN, "0"));
            out.add(busy(b));
            out.add(b.call("SCRIPT", "KILL"));
            out.add(b.call("SHUTDOWN"));
            b.send(Resp.command("SHUTDOWN", "NOSAVE"));
            out.add(Boolean.toString(closes(b)));
        }
        return out;
    }
}
