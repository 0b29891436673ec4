package dev.trib.node.command.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.support.Resp;
import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.RespTestClient;
import dev.trib.node.support.SideBySide;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CLIENT REPLY, PAUSE/UNPAUSE, TRACKING/CACHING/GETREDIR/TRACKINGINFO, MODULE, LOLWUT, ACL DRYRUN/LOAD/SAVE and
 * COMMAND GETKEYSANDFLAGS against redis-server 7.0.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClientControlDifferentialTest {

    /** Everything a connection reads back after pipelining the commands and a final PING. */
    private static String pipelined(int port, String... commands) throws Exception {
        try (RespTestClient c = new RespTestClient(SideBySide.HOST, port)) {
            StringBuilder out = new StringBuilder();
            for (String command : commands) {
                c.send(Resp.command(command.split(" ", -1)));
            }
            c.send(Resp.command("PING"));
            for (String reply = ""; !reply.equals("+PONG\r\n"); ) {
                reply = c.readReply();
                out.append(reply);
            }
            return out.toString();
        }
    }

    @Test
    void clientReplyMutesAsRedis() throws Exception {
        String[] commands = {"CLIENT REPLY OFF", "SET a 1", "GET a", "CLIENT REPLY ON", "GET a", "CLIENT REPLY SKIP",
            "SET b 2", "GET b", "CLIENT REPLY SKIP", "CLIENT REPLY SKIP", "GET a", "GET b", "CLIENT REPLY OFF",
            "CLIENT REPLY SKIP", "GET a", "CLIENT REPLY ON", "CLIENT REPLY nope", "CLIENT REPLY", "GET a"};
        try (SideBySide both = SideBySide.standalone()) {
            assertEquals(ReplyDiff.printable(pipelined(both.redis.port, commands)),
                    ReplyDiff.printable(pipelined(both.node.port(), commands)));
        }
    }

    @Test
    void repliesMatchRedis() throws Exception {
        List<String[]> script = new ArrayList<>();
        for (String line : new String[] {
            "CLIENT PAUSE x", "CLIENT PAUSE -1", "CLIENT PAUSE 10 nope", "CLIENT PAUSE 10 WRITE extra",
            "CLIENT PAUSE 0", "CLIENT UNPAUSE", "CLIENT UNPAUSE x",
            "CLIENT GETREDIR", "CLIENT TRACKINGINFO", "CLIENT CACHING yes", "CLIENT TRACKING maybe",
            "CLIENT TRACKING on PREFIX a", "CLIENT TRACKING on BCAST OPTIN", "CLIENT TRACKING on OPTIN OPTOUT",
            "CLIENT TRACKING on REDIRECT 999999", "CLIENT TRACKING on REDIRECT x", "CLIENT TRACKING on NOPE",
            "CLIENT TRACKING on BCAST PREFIX ab PREFIX a", "CLIENT TRACKING on OPTIN", "CLIENT TRACKINGINFO",
            "CLIENT CACHING no", "CLIENT CACHING yes", "CLIENT TRACKINGINFO", "CLIENT CACHING maybe",
            "CLIENT TRACKING on OPTOUT", "CLIENT TRACKING on BCAST", "CLIENT GETREDIR", "CLIENT TRACKING off",
            "CLIENT TRACKING on BCAST PREFIX b PREFIX a NOLOOP", "CLIENT TRACKINGINFO",
            "CLIENT TRACKING on BCAST PREFIX bc", "CLIENT TRACKING on BCAST PREFIX c", "CLIENT TRACKINGINFO",
            "CLIENT TRACKING off", "CLIENT TRACKING on BCAST", "CLIENT TRACKINGINFO", "CLIENT TRACKING off",
            "CLIENT TRACKINGINFO", "CLIENT TRACKING",
            "MODULE LIST", "MODULE LOAD /nonexistent.so", "MODULE LOADEX /x.so", "MODULE UNLOAD foo",
            "MODULE HELP", "MODULE NOPE", "MODULE LIST x",
            "LOLWUT", "LOLWUT VERSION 7", "LOLWUT VERSION x", "LOLWUT VERSION",
            "ACL LOAD", "ACL SAVE", "ACL DRYRUN default GET k", "ACL DRYRUN nobody GET k", "ACL DRYRUN default nosuch",
            "ACL DRYRUN default GET", "ACL SETUSER u1 on nopass +get ~a*", "ACL DRYRUN u1 GET b",
            "ACL DRYRUN u1 SET a 1", "ACL DRYRUN u1 GET a", "ACL DRYRUN u1 CONFIG GET port",
            "ACL DRYRUN u1 CONFIG nope", "ACL DRYRUN u1", "ACL SETUSER u2 on nopass +@all allkeys resetchannels &news.*",
            "ACL DRYRUN u2 PUBLISH news.1 x", "ACL DRYRUN u2 PUBLISH sport x", "ACL DRYRUN u2 SUBSCRIBE news.a other",
            "ACL DRYRUN u2 PSUBSCRIBE news.*", "ACL DRYRUN u2 PSUBSCRIBE news.a*",
            "COMMAND GETKEYSANDFLAGS GET k", "COMMAND GETKEYSANDFLAGS MGET a b", "COMMAND GETKEYSANDFLAGS PING",
            "COMMAND GETKEYSANDFLAGS nosuch a", "COMMAND GETKEYSANDFLAGS GET", "COMMAND GETKEYSANDFLAGS GET a b",
            "COMMAND GETKEYSANDFLAGS LCS a b", "COMMAND GETKEYS OBJECT ENCODING k",
            "COMMAND GETKEYS MEMORY USAGE k", "COMMAND GETKEYS CONFIG GET x"}) {
            script.add(line.split(" ", -1));
        }
        try (SideBySide both = SideBySide.standalone()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(script, diff);
            diff.assertNone();
        }
        try (SideBySide both = SideBySide.standalone()) {
            ReplyDiff diff = new ReplyDiff();
            both.run(script, diff, 3);
            diff.assertNone();
        }
    }

    @Test
    void resp3ClientsGetInvalidationPushesAsFromRedis() throws Exception {
        try (SideBySide both = SideBySide.standalone()) {
            assertEquals(ReplyDiff.printable(resp3(both.redis.port)), ReplyDiff.printable(resp3(both.node.port())));
        }
    }

    /** A RESP3 client tracking its own reads, one redirecting to a RESP3 client, one whose redirect went away. */
    private static String resp3(int port) throws Exception {
        StringBuilder got = new StringBuilder();
        try (RespTestClient self = new RespTestClient(SideBySide.HOST, port);
             RespTestClient target = new RespTestClient(SideBySide.HOST, port);
             RespTestClient redirecting = new RespTestClient(SideBySide.HOST, port);
             RespTestClient writer = new RespTestClient(SideBySide.HOST, port)) {
            for (RespTestClient c : List.of(self, target, redirecting)) {
                c.call("HELLO", "3");
            }
            self.call("CLIENT", "TRACKING", "on");
            String id = target.call("CLIENT", "ID").substring(1).trim();
            redirecting.call("CLIENT", "TRACKING", "on", "REDIRECT", id);
            self.call("GET", "a");
            redirecting.call("GET", "b");
            writer.call("SET", "a", "1");
            got.append(self.readReply());
            writer.call("SET", "b", "1");
            got.append(target.readReply());
            self.call("GET", "a");
            got.append(self.call("SET", "a", "2")).append(self.readReply()); // its own write: reply, then push
            got.append(self.call("CLIENT", "TRACKINGINFO"));
            self.call("GET", "a");
            got.append(self.call("FLUSHALL")).append(self.readReply());
            got.append(self.call("PING"));
        }
        return got.toString();
    }

    @Test
    void pauseHoldsCommandsUntilUnpause() throws Exception {
        try (SideBySide both = SideBySide.standalone();
             RespTestClient admin = new RespTestClient(SideBySide.HOST, both.node.port());
             RespTestClient writer = new RespTestClient(SideBySide.HOST, both.node.port())) {
            assertEquals("+OK\r\n", admin.call("CLIENT", "PAUSE", "100000", "WRITE"));
            assertEquals("$-1\r\n", writer.call("GET", "k")); // reads go on under WRITE
            writer.send(Resp.command("SET", "k", "v"));
            // Held: another client still sees no value, however long it looks.
            for (int i = 0; i < 5; i++) {
                assertEquals("$-1\r\n", admin.call("GET", "k"));
            }
            assertEquals("+OK\r\n", admin.call("CLIENT", "UNPAUSE"));
            assertEquals("+OK\r\n", writer.readReply());
            assertEquals("$1\r\nv\r\n", admin.call("GET", "k"));
            assertEquals("+OK\r\n", admin.call("CLIENT", "PAUSE", "300"));
            long start = System.nanoTime();
            assertEquals("$1\r\nv\r\n", writer.call("GET", "k")); // ALL holds reads too, until the pause runs out
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    @Test
    void invalidationsReachTheRedirectClientAsFromRedis() throws Exception {
        try (SideBySide both = SideBySide.standalone()) {
            assertEquals(ReplyDiff.printable(invalidations(both.redis.port)),
                    ReplyDiff.printable(invalidations(both.node.port())));
        }
    }

    @Test
    void anExpiredKeyIsInvalidatedAsByRedis() throws Exception {
        try (SideBySide both = SideBySide.standalone()) {
            assertEquals(ReplyDiff.printable(expiry(both.redis.port)), ReplyDiff.printable(expiry(both.node.port())));
        }
    }

    private static String expiry(int port) throws Exception {
        try (RespTestClient sink = new RespTestClient(SideBySide.HOST, port);
             RespTestClient reader = new RespTestClient(SideBySide.HOST, port)) {
            String id = sink.call("CLIENT", "ID").substring(1).trim();
            sink.call("SUBSCRIBE", "__redis__:invalidate");
            reader.call("CLIENT", "TRACKING", "on", "REDIRECT", id);
            reader.call("SET", "e", "v", "PX", "50");
            reader.call("GET", "e");
            // The key expires (actively, or when read again): either way the tracking client hears of it.
            dev.trib.node.support.Poll.until(java.time.Duration.ofSeconds(20), "e to expire",
                    () -> reader.call("EXISTS", "e").equals(":0\r\n"));
            return sink.readReply();
        }
    }

    /** A default-mode, an OPTIN and a BCAST tracking client redirecting to one subscriber; what it receives. */
    private static String invalidations(int port) throws Exception {
        StringBuilder got = new StringBuilder();
        try (RespTestClient sink = new RespTestClient(SideBySide.HOST, port);
             RespTestClient reader = new RespTestClient(SideBySide.HOST, port);
             RespTestClient optin = new RespTestClient(SideBySide.HOST, port);
             RespTestClient bcast = new RespTestClient(SideBySide.HOST, port);
             RespTestClient writer = new RespTestClient(SideBySide.HOST, port)) {
            String id = sink.call("CLIENT", "ID").substring(1).trim();
            sink.call("SUBSCRIBE", "__redis__:invalidate");
            reader.call("CLIENT", "TRACKING", "on", "REDIRECT", id);
            optin.call("CLIENT", "TRACKING", "on", "REDIRECT", id, "OPTIN");
            bcast.call("CLIENT", "TRACKING", "on", "REDIRECT", id, "BCAST", "PREFIX", "user:");
            reader.call("GET", "k1");
            reader.call("MGET", "k2", "k3");
            optin.call("GET", "o1");
            optin.call("CLIENT", "CACHING", "yes");
            optin.call("GET", "o2");
            writer.call("SET", "k1", "x");
            got.append(sink.readReply());
            writer.call("SET", "k1", "y"); // no longer tracked: nothing
            writer.call("MSET", "k2", "a", "k3", "b");
            got.append(sink.readReply()).append(sink.readReply());
            writer.call("SET", "o1", "x"); // read without CACHING yes: not tracked
            writer.call("SET", "o2", "x");
            got.append(sink.readReply());
            writer.call("SET", "user:1", "x");
            got.append(sink.readReply());
            writer.call("SET", "other", "x");
            reader.call("GET", "k1");
            writer.call("FLUSHALL");
            for (int i = 0; i < 3; i++) {
                got.append(sink.readReply());
            }
            got.append(sink.call("PING")); // nothing else was pending
        }
        return got.toString();
    }
}
