package dev.trib.node.command.stream;

import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Blocked;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.Resp;
import dev.trib.node.support.RespTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same stream command sessions against a standalone redis-server 7.0 and a node-server, replies compared byte
 * for byte: entries, ranges, trimming (exact and by whole nodes), consumer groups, pending entries, claims, XINFO,
 * wrong types, wrong arities, bad IDs and edge values, and XREAD / XREADGROUP clients blocked on the event loop.
 * Replies holding the time (idle times, delivery and seen times, IDs from "*") are compared after masking it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StreamDifferentialTest {
    private static NodeServer node;
    private static RealRedis real;

    /**
     * One line: arguments split on single spaces ('~' stands for a space). "@2 " / "@3 " sends on a second or third
     * connection; then "&" sends a command that blocks (the script goes on once the server lists the client as
     * blocked; its reply is compared before that connection's next command). "?" masks integers (times); "%" masks
     * IDs generated from the clock.
     */
    private static final List<String> SCRIPT = new ArrayList<>();

    private static void add(String... lines) {
        SCRIPT.addAll(List.of(lines));
    }

    static {
        // XADD: IDs given in full, by milliseconds, as ms-*, and the ID errors
        add("FLUSHALL", "XADD s 1-1 a 1", "XADD s 1-1 a 1", "XADD s 1-0 a 1", "XADD s 1-2 a 1 b 2", "XADD s 2 f v",
                "XADD s 2-* f v", "XADD s 3-* f v", "XADD s 0-0 f v", "XADD s 0 f v", "XADD new 0-0 f v",
                "XADD new 0-* f v", "XADD s abc f v", "XADD s 1-x f v", "XADD s ~5-1 f v", "XADD s 5-+1 f v",
                "XADD s 6-007 f v", "XADD s + f v", "XADD s - f v", "XADD s 7-18446744073709551615 f v",
                "XADD s 7-* f v", "XADD s 18446744073709551616-1 f v", "XADD s 8-1 f", "XADD s 8-1 f v g",
                "XADD s 8-1", "XADD s", "XADD s MAXLEN", "XADD s MAXLEN 5", "XADD s MAXLEN -1 * f v",
                "XADD s MAXLEN x * f v", "XADD s LIMIT 5 8-1 f v", "XADD s MAXLEN 5 LIMIT 5 8-1 f v",
                "XADD s MAXLEN 5 MINID 0 8-1 f v", "XADD s MINID 5 MAXLEN 0 8-1 f v", "XADD s MAXLEN ~ 5 LIMIT -1 8-1 f v",
                "XADD s MINID x 8-1 f v", "XADD s NOMKSTREAM 8-1 f v", "XADD missing NOMKSTREAM 1-1 f v",
                "EXISTS missing", "XADD s nomkstream 9-1 f v", "XLEN s", "XLEN nokey", "TYPE s",
                "XADD 18446744073709551615-18446744073709551615 f v", "XADD top 18446744073709551615-18446744073709551615 f v",
                "XADD top 18446744073709551615-* f v", "XADD top * f v", "XLEN top",
                "%XADD auto * f v", "%XADD auto * f v", "XLEN auto", "XADD emptyval 1 f ~ 2 ~");
        // XRANGE / XREVRANGE
        add("XRANGE s - +", "XRANGE s - + COUNT 2", "XRANGE s - + COUNT 0", "XRANGE s - + COUNT -3",
                "XRANGE s (1-1 +", "XRANGE s 1 1", "XRANGE s 1-1 (2", "XRANGE s (18446744073709551615-18446744073709551615 +",
                "XRANGE s - (0-0", "XRANGE s ( +", "XRANGE s (- +", "XRANGE s - + COUNT", "XRANGE s - + LIMIT 1",
                "XRANGE s x +", "XRANGE s 2 1", "XRANGE nokey - +", "XRANGE s - + COUNT x", "XRANGE s", "XRANGE s -",
                "XREVRANGE s + -", "XREVRANGE s + - COUNT 1", "XREVRANGE s (3-1 -", "XREVRANGE s + (2-0", "XREVRANGE s - +",
                "XREVRANGE s + - COUNT 0", "XREVRANGE s (0-0 -");
        // wrong types
        add("SET str v", "XADD str 1-1 f v", "XLEN str", "XRANGE str - +", "XDEL str 1-1", "XTRIM str MAXLEN 0",
                "XSETID str 1-1", "XGROUP CREATE str g $", "XINFO STREAM str", "XREAD STREAMS str 0",
                "XREADGROUP GROUP g c STREAMS str >", "XACK str g 1-1", "XPENDING str g", "XCLAIM str g c 0 1-1",
                "XAUTOCLAIM str g c 0 0", "RPUSH l a", "XLEN l");
        // XDEL, XTRIM, XSETID
        add("DEL d", "XADD d 1-1 a 1", "XADD d 2-1 a 2", "XADD d 3-1 a 3", "XADD d 4-1 a 4", "XDEL d 2-1 9-9",
                "XDEL d 2-1", "XDEL d x", "XDEL d 1-1 x", "XDEL nokey 1-1", "XLEN d", "XINFO STREAM d", "XDEL d 1-1",
                "XINFO STREAM d", "XTRIM d", "XTRIM d MAXLEN", "XTRIM d MAXLEN 1 MAXLEN 2", "XTRIM d FOO 1",
                "XTRIM d MAXLEN 1 LIMIT 1", "XTRIM d MINID = 4 LIMIT 0", "XTRIM nokey MAXLEN 0", "XTRIM d MAXLEN 5",
                "XTRIM d MAXLEN = 1", "XRANGE d - +", "XINFO STREAM d", "XTRIM d MINID 5", "XLEN d", "XINFO STREAM d",
                "XADD d 5-1 a 5", "XSETID d 4-0", "XSETID d 5-1", "XSETID d 10-0 ENTRIESADDED 0",
                "XSETID d 10-0 ENTRIESADDED -1", "XSETID d 10-0 MAXDELETEDID 11-0", "XSETID d 10-0 MAXDELETEDID 9-0",
                "XSETID d 12-0 ENTRIESADDED 100 MAXDELETEDID 3-0", "XINFO STREAM d", "XSETID d 13-0 FOO 1",
                "XSETID d x", "XSETID d +", "XSETID nokey 1-1", "XSETID d 13-0 ENTRIESADDED", "XADD d 12-0 f v",
                "XADD d 12-* f v");
        // trimming by whole nodes (~): 250 small entries make three nodes of at most 100
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 250; i++) {
            add("XADD big " + i + "-1 field value" + i);
        }
        add("XINFO STREAM big", "XTRIM big MAXLEN ~ 200", "XLEN big", "XTRIM big MAXLEN ~ 140", "XLEN big",
                "XINFO STREAM big", "XTRIM big MINID ~ 180", "XLEN big", "XTRIM big MINID ~ 230 LIMIT 10", "XLEN big",
                "XTRIM big MAXLEN = 60", "XLEN big", "XINFO STREAM big", "XADD big MAXLEN ~ 10 LIMIT 40 300-1 f v",
                "XLEN big", "XADD big MAXLEN 3 301-1 f v", "XRANGE big - +", "XINFO STREAM big");
        // big fields: nodes end on bytes (4096) before they reach 100 entries
        String wide = "x".repeat(900);
        for (int i = 1; i <= 12; i++) {
            add("XADD wide " + i + "-1 f" + (i % 3) + " " + wide + " n " + i);
        }
        add("XINFO STREAM wide", "XTRIM wide MAXLEN ~ 5", "XLEN wide", "XINFO STREAM wide", "MEMORY USAGE nokey");
        // consumer groups
        add("DEL q", "XGROUP CREATE q g $", "XGROUP CREATE q g $ MKSTREAM", "XGROUP CREATE q g $ MKSTREAM",
                "XGROUP CREATE q g2 0 ENTRIESREAD 5", "XGROUP CREATE q g3 0 ENTRIESREAD -2",
                "XGROUP CREATE q g3 0 ENTRIESREAD x", "XGROUP CREATE q g3 x", "XGROUP CREATE q g3 + ", "XGROUP CREATE q g3 -",
                "XGROUP CREATE q g3 $ FOO", "XGROUP CREATE q g3 $ MKSTREAM MKSTREAM MKSTREAM MKSTREAM",
                "XGROUP CREATE q g3 0-0 MKSTREAM ENTRIESREAD", "XINFO GROUPS q",
                "XADD q 1-1 a 1", "XADD q 2-1 b 2", "XADD q 3-1 c 3", "XINFO GROUPS q",
                "XREADGROUP GROUP g alice COUNT 1 STREAMS q >", "XREADGROUP GROUP g bob STREAMS q >",
                "XREADGROUP GROUP g bob STREAMS q >", "XREADGROUP GROUP g alice STREAMS q 0",
                "XREADGROUP GROUP g bob STREAMS q 0 ", "XREADGROUP GROUP g bob COUNT 1 STREAMS q 0",
                "XREADGROUP GROUP g bob STREAMS q 2-1", "XREADGROUP GROUP nog bob STREAMS q >",
                "XREADGROUP GROUP g bob STREAMS nokey >", "XREADGROUP GROUP g bob STREAMS q $",
                "XREADGROUP GROUP g bob STREAMS q", "XREADGROUP GROUP g bob STREAMS q x", "XREADGROUP STREAMS q >",
                "XREADGROUP GROUP g STREAMS q >", "XREADGROUP GROUP g bob NOACK STREAMS q >", "XINFO GROUPS q",
                "XPENDING q g", "?XPENDING q g - + 10", "?XPENDING q g - + 10 bob", "?XPENDING q g IDLE 0 - + 10",
                "XPENDING q g - + 10 nobody", "XPENDING q g - +", "XPENDING q g IDLE 5 - + 10 bob extra extra",
                "XPENDING q g x + 10", "XPENDING q g - + x", "?XPENDING q g (1-1 + 10", "XPENDING q g - (3-1 0",
                "XPENDING q nog", "XPENDING nokey g", "XPENDING q g IDLE x - + 10", "XPENDING q g IDLE 1 - +",
                "XACK q g 1-1 9-9", "XACK q g 1-1", "XACK q nog 2-1", "XACK nokey g 1", "XACK q g x", "XPENDING q g",
                "XDEL q 2-1", "XREADGROUP GROUP g bob STREAMS q 0", "XINFO GROUPS q",
                "XREADGROUP GROUP g2 carol NOACK STREAMS q >", "XINFO GROUPS q", "XPENDING q g2");
        // claims
        add("XCLAIM q g dave 0 2-1 3-1", "XPENDING q g", "XCLAIM q g dave 0 3-1 JUSTID", "XCLAIM q g erin 0 3-1 RETRYCOUNT 7",
                "?XPENDING q g - + 10", "XCLAIM q g erin 0 1-1 FORCE JUSTID", "XPENDING q g",
                "XCLAIM q g erin 0 3-1 IDLE x", "XCLAIM q g erin 0 3-1 TIME x", "XCLAIM q g erin 0 3-1 RETRYCOUNT x",
                "XCLAIM q g erin 0 3-1 FOO", "XCLAIM q g erin 0 3-1 IDLE", "XCLAIM q g erin x 3-1",
                "XCLAIM q nog erin 0 3-1", "XCLAIM nokey g erin 0 3-1", "XCLAIM q g erin 0 3-1 LASTID x",
                "XCLAIM q g erin 0 3-1 LASTID 99-0 JUSTID", "XINFO GROUPS q", "XCLAIM q g erin 3600000 1-1",
                "XCLAIM q g frank -5 1-1 JUSTID", "XADD q 4-1 d 4", "XADD q 5-1 e 5",
                "XREADGROUP GROUP g3 gina STREAMS q >", "XDEL q 4-1", "XAUTOCLAIM q g3 hank 0 0 COUNT 1",
                "XAUTOCLAIM q g3 hank 0 0 COUNT 1 JUSTID", "XAUTOCLAIM q g3 hank 0 0", "XAUTOCLAIM q g3 hank 0 (1-1 JUSTID",
                "XAUTOCLAIM q g3 hank 0 0 COUNT 0", "XAUTOCLAIM q g3 hank 0 0 COUNT x", "XAUTOCLAIM q g3 hank x 0",
                "XAUTOCLAIM q g3 hank 0 x", "XAUTOCLAIM q g3 hank 0 0 FOO", "XAUTOCLAIM q nog hank 0 0",
                "XAUTOCLAIM q g3 hank 3600000 0", "XPENDING q g3", "?XINFO CONSUMERS q g3", "XINFO CONSUMERS q nog",
                "?XINFO STREAM q FULL", "?XINFO STREAM q FULL COUNT 1", "?XINFO STREAM q FULL COUNT 0",
                "XINFO STREAM q FULL COUNT x", "XINFO STREAM q FULL COUNTX 1", "XINFO STREAM q FOO",
                "XINFO STREAM q FULL COUNT", "XINFO STREAM nokey", "XINFO GROUPS nokey", "XINFO HELP", "XINFO HELP x",
                "XINFO", "XINFO FOO q", "XINFO STREAM", "XINFO GROUPS q x", "XGROUP HELP", "XGROUP", "XGROUP FOO",
                "XGROUP CREATE q", "XGROUP CREATECONSUMER q g ivan", "XGROUP CREATECONSUMER q g ivan",
                "XGROUP CREATECONSUMER q nog ivan", "XGROUP CREATECONSUMER nokey g ivan", "XGROUP DELCONSUMER q g ivan",
                "XGROUP DELCONSUMER q g nobody", "XGROUP DELCONSUMER q g erin", "XPENDING q g",
                "XGROUP SETID q g 1-1", "XGROUP SETID q g $ ENTRIESREAD 3", "XGROUP SETID q g - ", "XGROUP SETID q g +",
                "XGROUP SETID q g 0 ENTRIESREAD", "XGROUP SETID q g 0 MKSTREAM", "XGROUP SETID q nog 0",
                "XGROUP SETID nokey g 0", "XINFO GROUPS q", "XGROUP DESTROY q g2", "XGROUP DESTROY q g2",
                "XGROUP DESTROY nokey g", "XINFO GROUPS q", "XINFO STREAM q");
        // lag and entries-read around deletions
        add("DEL lag", "XADD lag 1-1 a 1", "XADD lag 2-1 a 2", "XADD lag 3-1 a 3", "XGROUP CREATE lag g 0",
                "XINFO GROUPS lag", "XREADGROUP GROUP g c COUNT 1 STREAMS lag >", "XINFO GROUPS lag", "XDEL lag 3-1",
                "XINFO GROUPS lag", "XREADGROUP GROUP g c STREAMS lag >", "XINFO GROUPS lag", "XDEL lag 1-1",
                "XGROUP CREATE lag g2 1-1", "XINFO GROUPS lag", "XTRIM lag MAXLEN 0", "XINFO GROUPS lag",
                "XINFO STREAM lag");
        // XREAD
        add("XREAD STREAMS q 0", "XREAD COUNT 2 STREAMS q d 0 0", "XREAD STREAMS q d $ $", "XREAD STREAMS q nokey 0 0",
                "XREAD STREAMS q", "XREAD STREAMS q d 0", "XREAD COUNT x STREAMS q 0", "XREAD COUNT -1 STREAMS q 0",
                "XREAD BLOCK x STREAMS q 0", "XREAD BLOCK -1 STREAMS q 0", "XREAD FOO STREAMS q 0",
                "XREAD GROUP g c STREAMS q 0", "XREAD NOACK STREAMS q 0", "XREAD STREAMS q >", "XREAD STREAMS q +",
                "XREAD STREAMS q -", "XREAD BLOCK 10 STREAMS nokey 0", "XREAD BLOCK 10 STREAMS q $", "XREAD COUNT 1",
                "XREAD STREAMS streams 0", "MULTI", "XREAD BLOCK 0 STREAMS nokey $", "XREADGROUP GROUP g c BLOCK 0 STREAMS q >",
                "EXEC");
        // blocked readers, served by XADD on another connection, ended by DEL / XGROUP DESTROY
        add("DEL b1 b2", "&XREAD BLOCK 0 STREAMS b1 b2 $ $", "@2 XADD b2 1-1 f v", "XREAD STREAMS b1 b2 0 0",
                "&XREAD BLOCK 0 COUNT 1 STREAMS b1 0-0", "@2 XADD b1 5-1 f v", "@2 XADD b1 6-1 f v",
                "&XREAD BLOCK 0 STREAMS b1 10-0", "@2 XADD b1 7-1 f v", "@2 XADD b1 11-1 f v",
                "@3 XGROUP CREATE b3 g $ MKSTREAM", "&XREADGROUP GROUP g c BLOCK 0 STREAMS b3 >", "@2 XADD b3 1-1 f v",
                "@3 XPENDING b3 g", "&XREADGROUP GROUP g c BLOCK 0 NOACK STREAMS b3 >", "@2 XADD b3 2-1 f v",
                "@3 XPENDING b3 g", "&XREADGROUP GROUP g c BLOCK 0 STREAMS b3 >", "@2 XGROUP DESTROY b3 g",
                "@3 XGROUP CREATE b3 g $", "&XREADGROUP GROUP g c BLOCK 0 STREAMS b3 >", "@2 DEL b3",
                "@3 XGROUP CREATE b4 g $ MKSTREAM", "&XREADGROUP GROUP g c BLOCK 0 STREAMS b4 >", "@2 SET b4 x",
                "@3 XGROUP CREATE b5 g $ MKSTREAM", "&XREAD BLOCK 0 STREAMS b5 $", "@2 DEL b5", "@2 XADD b5 1-1 f v",
                "@3 XGROUP CREATE b6 g $ MKSTREAM", "&XREADGROUP GROUP g c BLOCK 0 STREAMS b6 >", "@2 XGROUP SETID b6 g $",
                "@2 XADD b6 1-1 f v", "@3 XINFO GROUPS b6", "XREAD BLOCK 100 STREAMS b6 $", "TYPE b6",
                // woken by an XADD whose entry is gone again when served: an empty entry list
                "&XREAD BLOCK 0 STREAMS b7 $", "@2 MULTI", "@2 XADD b7 1-1 f v", "@2 XDEL b7 1-1", "@2 EXEC",
                "@3 XGROUP CREATE b8 g $ MKSTREAM", "&XREADGROUP GROUP g c BLOCK 0 STREAMS b8 >", "@2 MULTI",
                "@2 XADD b8 1-1 f v", "@2 XDEL b8 1-1", "@2 EXEC", "@3 XINFO GROUPS b8", "@3 XPENDING b8 g", "FLUSHALL");
        // key positions, as cluster clients ask for them (redis-py: COMMAND GETKEYS for movable keys)
        add("COMMAND GETKEYS XREAD STREAMS a b 0 0", "COMMAND GETKEYS XREAD COUNT 1 BLOCK 0 STREAMS a 0",
                "COMMAND GETKEYS XREAD COUNT 1", "COMMAND GETKEYS XREAD COUNT 1 STREAMS a", "COMMAND GETKEYS XREAD FOO STREAMS a 0",
                "COMMAND GETKEYS XREADGROUP GROUP g c NOACK STREAMS a b > >", "COMMAND GETKEYS XREADGROUP GROUP g c STREAMS",
                "COMMAND GETKEYS XGROUP CREATE k g $", "COMMAND GETKEYS XGROUP HELP", "COMMAND GETKEYS XGROUP FOO k",
                "COMMAND GETKEYS XGROUP CREATE", "COMMAND GETKEYS XGROUP", "COMMAND GETKEYS XINFO STREAM k",
                "COMMAND GETKEYS XADD k * f v", "COMMAND GETKEYS XAUTOCLAIM k g c 0 0", "COMMAND GETKEYS ZUNION 2 a b",
                "COMMAND GETKEYS CONFIG GET maxmemory", "COMMAND GETKEYS XREAD STREAMS STREAMS a 0",
                "COMMAND GETKEYS XREAD COUNT STREAMS STREAMS a b", "COMMAND GETKEYS XREADGROUP GROUP STREAMS c STREAMS a >");
        // COPY goes through the DUMP form; SCAN TYPE knows streams
        add("XADD c1 1-1 f v", "XGROUP CREATE c1 g 0", "XREADGROUP GROUP g c STREAMS c1 >", "COPY c1 c2",
                "XINFO STREAM c2", "XINFO GROUPS c2", "XPENDING c2 g", "RENAME c2 c3", "DEL c1",
                "SCAN 0 TYPE stream COUNT 100", "XLEN c3", "DEL c3");
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: stream differential test SKIPPED ***");
        node = NodeServer.start(NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(0));
        real = RealRedis.start("127.0.0.1", Ports.freeClusterPort("127.0.0.1"));
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

    /** The script in RESP2, then with every connection in RESP3 (maps for XINFO and XREAD, '_' nulls). */
    @org.junit.jupiter.params.ParameterizedTest(name = "RESP{0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3})
    void theStreamScriptGetsIdenticalReplies(int protocol) throws Exception {
        ReplyDiff diff = new ReplyDiff();
        List<Connection> connections = new ArrayList<>();
        try (RespTestClient realControl = real.client();
             RespTestClient ourControl = new RespTestClient("127.0.0.1", node.port())) {
            for (int c = 0; c < 3; c++) {
                Connection connection = new Connection(real.client(), new RespTestClient("127.0.0.1", node.port()));
                if (protocol == 3) { // HELLO's own reply holds ids and versions: not compared
                    connection.real.call("HELLO", "3");
                    connection.ours.call("HELLO", "3");
                }
                connections.add(connection);
            }
            for (String line : SCRIPT) {
                int connection = line.startsWith("@") ? line.charAt(1) - '0' : 1;
                String rest = connection == 1 ? line : line.substring(3);
                Connection c = connections.get(connection - 1);
                c.readPending(diff);
                boolean blocks = rest.startsWith("&");
                char mask = rest.isEmpty() ? ' ' : rest.charAt(0);
                if (blocks || mask == '?' || mask == '%') {
                    rest = rest.substring(1);
                }
                String[] command = rest.split(" ", -1);
                for (int i = 0; i < command.length; i++) {
                    command[i] = command[i].replace('~', ' ');
                }
                if (blocks) {
                    Blocked.send(c.real, realControl, command);
                    Blocked.send(c.ours, ourControl, command);
                    c.pending.add(rest);
                } else {
                    diff.compare(rest, masked(mask, c.real.call(command)), masked(mask, c.ours.call(command)));
                }
            }
            for (Connection c : connections) {
                c.readPending(diff);
            }
        } finally {
            for (Connection c : connections) {
                c.real.close();
                c.ours.close();
            }
        }
        diff.assertNone();
    }

    /**
     * COMMAND INFO of every stream command as redis-server 7.0 gives it, in the fields the node models (name, arity,
     * flags, first key, last key, step, and the same for each subcommand); ACL categories, tips and key specs aside.
     */
    @Test
    void commandInfoMatchesRedis() throws Exception {
        List<String> names = List.of("xadd", "xlen", "xrange", "xrevrange", "xdel", "xtrim", "xsetid", "xread",
                "xreadgroup", "xack", "xpending", "xclaim", "xautoclaim", "xgroup", "xinfo");
        try (RespTestClient r = real.client(); RespTestClient n = new RespTestClient("127.0.0.1", node.port())) {
            for (String name : names) {
                Object theirs = new Parser(r.call("COMMAND", "INFO", name)).next();
                Object ours = new Parser(n.call("COMMAND", "INFO", name)).next();
                org.junit.jupiter.api.Assertions.assertEquals(modelled(theirs), modelled(ours), name);
            }
        }
    }

    /** Of a COMMAND INFO reply (one entry), the fields the node models; subcommands sorted by name. */
    private static List<Object> modelled(Object reply) {
        List<?> entry = (List<?>) ((List<?>) reply).get(0);
        List<Object> out = new ArrayList<>(entry.subList(0, 6));
        List<List<Object>> subs = new ArrayList<>();
        for (Object sub : (List<?>) entry.get(9)) {
            subs.add(new ArrayList<>(((List<?>) sub).subList(0, 6)));
        }
        subs.sort(java.util.Comparator.comparing(Object::toString));
        out.add(subs);
        return out;
    }

    /** A small RESP2 reader: arrays as lists, everything else as its text. */
    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        Object next() {
            char type = s.charAt(at);
            int end = s.indexOf("\r\n", at);
            String line = s.substring(at + 1, end);
            at = end + 2;
            if (type == '*') {
                List<Object> items = new ArrayList<>();
                for (int i = Integer.parseInt(line); i > 0; i--) {
                    items.add(next());
                }
                return items;
            }
            if (type == '$') {
                int len = Integer.parseInt(line);
                String value = s.substring(at, at + len);
                at += len + 2;
                return value;
            }
            return type + line;
        }
    }

    private static String masked(char mask, String reply) {
        if (mask == '?') {
            return reply.replaceAll(":\\d+\r\n", ":#\r\n");
        }
        if (mask == '%') {
            return reply.replaceAll("\\$\\d+\r\n\\d+-\\d+\r\n", "\\$ID\r\n");
        }
        return reply;
    }

    /** One client of the script on both servers, with the blocking commands it sent and has no reply to yet. */
    private static final class Connection {
        final RespTestClient real;
        final RespTestClient ours;
        final List<String> pending = new ArrayList<>();

        Connection(RespTestClient real, RespTestClient ours) {
            this.real = real;
            this.ours = ours;
        }

        void readPending(ReplyDiff diff) throws Exception {
            for (String sent : pending) {
                diff.compare(sent, real.readReply(), ours.readReply());
            }
            pending.clear();
        }
    }

    static byte[] bytes(String s) {
        return Resp.latin1(s);
    }
}
