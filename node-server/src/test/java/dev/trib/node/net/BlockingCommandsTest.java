package dev.trib.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.support.Blocked;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.SideBySide;
import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.RespTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The blocking commands beyond one script: what replicas receive when clients are served at once and after waiting
 * (byte for byte as from redis-server 7.0), CLIENT UNBLOCK on a waiting client, and a closed waiting connection
 * leaving the wait list. The replies themselves are compared in {@link DifferentialTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BlockingCommandsTest {
    private static final String HOST = "127.0.0.1";

    @Test
    void servedClientsReachTheReplicationStreamAsFromRedis() throws Exception {
        try (SideBySide both = SideBySide.standalone("--repl-diskless-sync", "no")) {
            both.assertSameReplicaStream(BlockingCommandsTest::popsAndPushes, "LMOVE");
        }
    }

    /** Every blocking command served at once, then each served after waiting for another client's push. */
    private static void popsAndPushes(String host, int port) throws Exception {
        try (RespTestClient c1 = new RespTestClient(host, port); RespTestClient c2 = new RespTestClient(host, port);
             RespTestClient control = new RespTestClient(host, port)) {
            for (String[] command : List.of(
                    new String[] {"RPUSH", "l", "a", "b", "c", "d", "e"}, new String[] {"BLPOP", "l", "0"},
                    new String[] {"BRPOP", "nol", "l", "0"}, new String[] {"BLMOVE", "l", "d2", "left", "RIGHT", "0"},
                    new String[] {"BRPOPLPUSH", "l", "d2", "0"}, new String[] {"BLMPOP", "0", "1", "l", "LEFT"},
                    new String[] {"ZADD", "z", "1", "a", "2", "b", "3", "c"}, new String[] {"BZPOPMIN", "z", "0"},
                    new String[] {"BZPOPMAX", "z", "0"}, new String[] {"BZMPOP", "0", "1", "z", "MIN", "COUNT", "5"},
                    new String[] {"BLPOP", "nol", "0.01"}, new String[] {"BZPOPMIN", "noz", "0.01"})) {
                c1.call(command);
            }
            List<String[][]> waits = List.of(
                    new String[][] {{"BLPOP", "w", "0"}, {"RPUSH", "w", "x"}},
                    new String[][] {{"BLMOVE", "w2", "wd", "LEFT", "RIGHT", "0"}, {"RPUSH", "w2", "y"}},
                    new String[][] {{"BRPOPLPUSH", "w3", "wd", "0"}, {"LPUSH", "w3", "z"}},
                    new String[][] {{"BLMPOP", "0", "2", "w4", "w5", "RIGHT", "COUNT", "2"}, {"RPUSH", "w5", "1", "2",
                        "3"}},
                    new String[][] {{"BZPOPMIN", "wz", "0"}, {"ZADD", "wz", "1", "m", "2", "n"}},
                    new String[][] {{"BZMPOP", "0", "1", "wz2", "MAX", "COUNT", "5"}, {"ZADD", "wz2", "1", "m"}},
                    new String[][] {{"BLMOVE", "w6", "wd", "left", "left", "0"}, {"MULTI"}, {"RPUSH", "w6", "p"},
                        {"SET", "k", "v"}, {"EXEC"}});
            for (String[][] w : waits) {
                Blocked.send(c1, control, w[0]);
                for (int i = 1; i < w.length; i++) {
                    c2.call(w[i]);
                }
                c1.readReply();
            }
        }
    }

    @Test
    void clientUnblockEndsAWaitAsRedisDoes() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: CLIENT UNBLOCK differential test SKIPPED ***");
        List<String> expected;
        try (RealRedis real = RealRedis.start(HOST, Ports.freeClusterPort(HOST))) {
            expected = unblocks(real.port);
        }
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of(HOST)).withPort(0));
        try {
            List<String> actual = unblocks(node.port());
            ReplyDiff diff = new ReplyDiff();
            for (int i = 0; i < expected.size(); i++) {
                diff.compare("exchange " + i, expected.get(i), actual.get(i));
            }
            diff.assertNone();
        } finally {
            node.stop();
        }
    }

    /** Replies of the waiting client and of CLIENT UNBLOCK, in order. */
    private static List<String> unblocks(int port) throws Exception {
        List<String> out = new ArrayList<>();
        try (RespTestClient waiting = new RespTestClient(HOST, port);
             RespTestClient control = new RespTestClient(HOST, port)) {
            String id = Blocked.id(waiting);
            for (String[] command : List.of(new String[] {"BLPOP", "u", "0"},
                    new String[] {"BLMOVE", "u", "v", "left", "left", "0"}, new String[] {"BZMPOP", "0", "1", "u", "MIN"},
                    new String[] {"BRPOPLPUSH", "u", "v", "100"})) {
                for (String reason : new String[] {"TIMEOUT", "ERROR"}) {
                    Blocked.send(waiting, control, command);
                    out.add(control.call("CLIENT", "UNBLOCK", id, reason));
                    out.add(waiting.readReply());
                    out.add(waiting.call("PING"));
                }
            }
            out.add(control.call("CLIENT", "UNBLOCK", id));
        }
        return out;
    }

    @Test
    void aClosedWaitingConnectionLeavesTheWaitList() throws Exception {
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of(HOST)).withPort(0));
        try (RespTestClient control = new RespTestClient(HOST, node.port());
             RespTestClient second = new RespTestClient(HOST, node.port())) {
            RespTestClient gone = new RespTestClient(HOST, node.port());
            Blocked.send(gone, control, "BLPOP", "q", "0");
            Blocked.send(second, control, "BLPOP", "q", "0");
            assertTrue(control.call("INFO", "clients").contains("blocked_clients:2\r\n"));
            gone.close();
            Poll.until(Duration.ofSeconds(30), "the closed client gone",
                    () -> control.call("INFO", "clients").contains("blocked_clients:1\r\n"));
            // The element goes to the client still waiting, not to the closed one; nothing is lost.
            assertEquals(":1\r\n", control.call("RPUSH", "q", "only"));
            assertEquals("*2\r\n$1\r\nq\r\n$4\r\nonly\r\n", second.readReply());
            assertEquals(":0\r\n", control.call("EXISTS", "q"));
            assertTrue(control.call("INFO", "clients").contains("blocked_clients:0\r\n"));
        } finally {
            node.stop();
        }
    }
}
