package dev.trib.node.command.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * The same two-client pub/sub session against a standalone redis-server 7.0 and a node-server: every reply and
 * every pushed message must be byte-identical. Steps name the client that sends and how many replies each client
 * then reads (a PUBLISH's pushes arrive on the subscriber's connection).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PubSubDifferentialTest {
    /** Client "A" or "B" sends the command, then A reads {@code readA} replies and B {@code readB}. */
    private record Step(String client, String command, int readA, int readB) {
    }

    private static final List<Step> SESSION = new ArrayList<>();

    private static void a(String command, int replies) {
        SESSION.add(new Step("A", command, replies, 0));
    }

    private static void b(String command) {
        SESSION.add(new Step("B", command, 0, 1));
    }

    /** B publishes; A receives {@code pushes} messages. */
    private static void publish(String command, int pushes) {
        SESSION.add(new Step("B", command, pushes, 1));
    }

    static {
        a("SUBSCRIBE ch1 ch2", 2);
        a("SUBSCRIBE ch1", 1);
        a("PSUBSCRIBE ch* x?", 2);
        publish("PUBLISH ch1 hello", 2);
        publish("PUBLISH xy m", 1);
        publish("PUBLISH other m", 0);
        publish("PUBLISH ch1 ", 2);
        b("PUBSUB NUMSUB ch1 ch2 nope");
        b("PUBSUB NUMSUB");
        b("PUBSUB NUMPAT");
        b("PUBSUB CHANNELS ch1");
        b("PUBSUB CHANNELS ch1 extra");
        b("PUBSUB NUMPAT extra");
        b("PUBSUB nosuch");
        b("PUBSUB");
        b("PUBLISH onlychannel");
        b("SUBSCRIBE");
        a("GET k", 1);
        a("SET k v", 1);
        a("PUBSUB NUMPAT", 1);
        a("PING", 1);
        a("PING hi", 1);
        a("PING a b", 1);
        a("UNSUBSCRIBE ch1", 1);
        a("UNSUBSCRIBE nope", 1);
        a("PUNSUBSCRIBE x?", 1);
        a("PUNSUBSCRIBE", 1);
        a("PUNSUBSCRIBE", 1);
        a("UNSUBSCRIBE", 1);
        a("UNSUBSCRIBE", 1);
        a("PING", 1);
        a("GET k", 1);
        a("SSUBSCRIBE s1", 1);
        a("GET k", 1);
        publish("SPUBLISH s1 shard-msg", 1);
        publish("SPUBLISH s2 m", 0);
        publish("PUBLISH s1 m", 0);
        b("PUBSUB SHARDNUMSUB s1 s2");
        b("PUBSUB SHARDCHANNELS");
        b("PUBSUB SHARDCHANNELS s*");
        b("PUBSUB CHANNELS");
        a("SUBSCRIBE ch3", 1);
        a("SUNSUBSCRIBE", 1);
        a("SUNSUBSCRIBE", 1);
        a("PING", 1);
        a("UNSUBSCRIBE ch3", 1);
        a("PING", 1);
        b("SPUBLISH s1");
        b("SSUBSCRIBE");
        // RESET leaves the subscribed mode without unsubscribe messages; nothing reaches the client afterwards.
        a("SUBSCRIBE ch4", 1);
        a("PSUBSCRIBE p*", 1);
        b("PUBSUB NUMSUB ch4");
        a("RESET", 1);
        publish("PUBLISH ch4 gone", 0);
        b("PUBSUB NUMPAT");
        a("GET k", 1);
        a("MULTI", 1);
        a("SUBSCRIBE ch5", 1);
        a("EXEC", 1);
        publish("PUBLISH ch5 m", 1);
        a("RESET", 1);
    }

    /** The session in RESP2, then with both clients in RESP3 (pushes, and any command while subscribed). */
    @ParameterizedTest(name = "RESP{0}")
    @ValueSource(ints = {2, 3})
    void sessionsMatchRedis(int protocol) throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: pub/sub differential test SKIPPED ***");
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        try (RealRedis real = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"))) {
            List<String> theirs = run("127.0.0.1", real.port, protocol);
            List<String> ours = run("127.0.0.1", node.port(), protocol);
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < theirs.size(); i++) {
                if (!theirs.get(i).equals(ours.get(i))) {
                    String step = i < SESSION.size() ? SESSION.get(i).client() + ": " + SESSION.get(i).command()
                            : "ECHO end on both";
                    mismatches.add(step + "\n   redis: "
                            + printable(theirs.get(i)) + "\n   node:  " + printable(ours.get(i)));
                }
            }
            if (!mismatches.isEmpty()) {
                fail(mismatches.size() + " of " + SESSION.size() + " steps differ:\n" + String.join("\n", mismatches));
            }
        } finally {
            node.stop();
        }
    }

    /**
     * ACL SETUSER that takes a channel away disconnects that user's clients subscribed to it, and only those, on
     * redis-server and on the node alike; the client that ran it still gets its OK.
     */
    @Test
    void subscribersLosingAChannelAreDisconnected() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: pub/sub differential test SKIPPED ***");
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        try (RealRedis real = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"))) {
            for (int port : new int[] {real.port, node.port()}) {
                try (RespTestClient admin = new RespTestClient("127.0.0.1", port);
                     RespTestClient keeps = new RespTestClient("127.0.0.1", port);
                     RespTestClient loses = new RespTestClient("127.0.0.1", port);
                     RespTestClient self = new RespTestClient("127.0.0.1", port)) {
                    assertEquals("+OK\r\n", admin.call("ACL", "SETUSER", "chu", "on", "nopass", "+@all", "~*",
                            "resetchannels", "&news.*", "&exact"));
                    for (RespTestClient c : List.of(keeps, loses, self)) {
                        assertEquals("+OK\r\n", c.call("AUTH", "chu", "x"));
                    }
                    keeps.call("PSUBSCRIBE", "news.*");
                    loses.call("SUBSCRIBE", "exact");
                    assertEquals("+OK\r\n", self.call("ACL", "SETUSER", "chu", "resetchannels", "&news.*"));
                    Poll.until(Duration.ofSeconds(10), "the subscriber of 'exact' to be disconnected on " + port,
                            loses::isClosedByPeer);
                    assertEquals(":1\r\n", admin.call("PUBLISH", "news.1", "still"));
                    assertEquals("*4\r\n$8\r\npmessage\r\n$6\r\nnews.*\r\n$6\r\nnews.1\r\n$5\r\nstill\r\n",
                            keeps.readReply());
                    assertEquals("+PONG\r\n", self.call("PING"));
                    admin.call("ACL", "DELUSER", "chu");
                }
            }
        } finally {
            node.stop();
        }
    }

    @Test
    void aClosedSubscriberIsForgotten() throws Exception {
        NodeServer node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        try (RespTestClient publisher = new RespTestClient("127.0.0.1", node.port())) {
            try (RespTestClient subscriber = new RespTestClient("127.0.0.1", node.port())) {
                subscriber.call("SUBSCRIBE", "gone");
                subscriber.call("PSUBSCRIBE", "g*");
                assertEquals(":2\r\n", publisher.call("PUBLISH", "gone", "x"));
            }
            Poll.until(Duration.ofSeconds(10), "the closed subscriber to be dropped",
                    () -> publisher.call("PUBLISH", "gone", "x").equals(":0\r\n"));
            assertEquals(":0\r\n", publisher.call("PUBSUB", "NUMPAT"));
            assertEquals("*0\r\n", publisher.call("PUBSUB", "CHANNELS"));
        } finally {
            node.stop();
        }
    }

    /** The transcript: per step, what the sender read and then what the other client read. */
    private static List<String> run(String host, int port, int protocol) throws Exception {
        List<String> out = new ArrayList<>();
        try (RespTestClient a = new RespTestClient(host, port); RespTestClient b = new RespTestClient(host, port)) {
            if (protocol != 2) {
                a.call("HELLO", Integer.toString(protocol));
                b.call("HELLO", Integer.toString(protocol));
            }
            for (Step step : SESSION) {
                RespTestClient sender = step.client().equals("A") ? a : b;
                sender.send(dev.trib.node.support.Resp.command(step.command().split(" ", -1)));
                StringBuilder got = new StringBuilder();
                // The sender's own replies first, so a PUBLISH has been answered before its pushes are read.
                RespTestClient other = sender == a ? b : a;
                int own = sender == a ? step.readA() : step.readB();
                int pushed = sender == a ? step.readB() : step.readA();
                for (int i = 0; i < own; i++) {
                    got.append(sender.readReply());
                }
                got.append(" | ");
                for (int i = 0; i < pushed; i++) {
                    got.append(other.readReply());
                }
                out.add(got.toString());
            }
            // Nothing left unread: a stray push would show here.
            out.add(a.call("ECHO", "end") + b.call("ECHO", "end"));
        }
        return out;
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
