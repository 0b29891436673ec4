package dev.trib.node.command;

import static dev.trib.node.support.CommandHarness.NIL;
import static dev.trib.node.support.CommandHarness.OK;
import static dev.trib.node.support.CommandHarness.bulk;
import static dev.trib.node.support.CommandHarness.bulks;
import static dev.trib.node.support.CommandHarness.error;
import static dev.trib.node.support.CommandHarness.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.support.CommandHarness;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KeyCommandsTest {
    private final CommandHarness h = new CommandHarness();

    @Test
    void ttlCountsDownAndTheKeyExpires() {
        assertEquals(OK, h.run("set", "k", "v", "EX", "10"));
        assertEquals(integer(10), h.run("ttl", "k"));
        assertEquals(integer(10_000), h.run("pttl", "k"));
        h.clock.advance(4_400);
        assertEquals(integer(6), h.run("ttl", "k"), "rounded to the nearest second");
        assertEquals(integer(5_600), h.run("pttl", "k"));
        h.clock.advance(5_599);
        assertEquals(bulk("v"), h.run("get", "k"));
        h.clock.advance(1);
        assertEquals(NIL, h.run("get", "k"));
        assertEquals(integer(-2), h.run("ttl", "k"));
        assertEquals(integer(0), h.run("exists", "k"));
    }

    @Test
    void expireVariantsAndOptions() {
        h.run("set", "k", "v");
        assertEquals(integer(-1), h.run("ttl", "k"));
        assertEquals(integer(0), h.run("expire", "k", "100", "XX"), "XX needs an existing TTL");
        assertEquals(integer(0), h.run("expire", "k", "100", "GT"), "no TTL counts as infinite for GT");
        assertEquals(integer(1), h.run("expire", "k", "100", "NX"));
        assertEquals(integer(0), h.run("expire", "k", "50", "NX"));
        assertEquals(integer(0), h.run("expire", "k", "50", "GT"));
        assertEquals(integer(1), h.run("expire", "k", "50", "LT"));
        assertEquals(integer(50), h.run("ttl", "k"));
        assertEquals(integer(1), h.run("pexpire", "k", "1500"));
        assertEquals(integer(2), h.run("ttl", "k"));
        long at = (h.clock.nowMillis() / 1000) + 30;
        assertEquals(integer(1), h.run("expireat", "k", Long.toString(at)));
        assertEquals(integer(1), h.run("pexpireat", "k", Long.toString(h.clock.nowMillis() + 7000)));
        assertEquals(integer(7000), h.run("pttl", "k"));
        assertEquals(integer(1), h.run("persist", "k"));
        assertEquals(integer(0), h.run("persist", "k"));
        assertEquals(integer(-1), h.run("ttl", "k"));
        assertEquals(integer(0), h.run("expire", "missing", "10"));
    }

    @Test
    void expiringInThePastDeletesAndAnswersOne() {
        h.run("set", "k", "v");
        assertEquals(integer(1), h.run("expire", "k", "-1"));
        assertEquals(integer(0), h.run("exists", "k"));
        h.run("set", "k", "v");
        assertEquals(integer(1), h.run("pexpireat", "k", "1"));
        assertEquals(integer(0), h.run("dbsize"));
    }

    @Test
    void expireErrors() {
        h.run("set", "k", "v");
        assertEquals(error("ERR NX and XX, GT or LT options at the same time are not compatible"),
                h.run("expire", "k", "10", "nx", "xx"));
        assertEquals(error("ERR GT and LT options at the same time are not compatible"),
                h.run("expire", "k", "10", "gt", "lt"));
        assertEquals(error("ERR Unsupported option foo"), h.run("expire", "k", "10", "foo"));
        assertEquals(error("ERR value is not an integer or out of range"), h.run("expire", "k", "ten"));
        assertEquals(error("ERR invalid expire time in 'expire' command"), h.run("expire", "k", "9223372036854775807"));
        assertEquals(error("ERR invalid expire time in 'pexpire' command"), h.run("pexpire", "k", "9223372036854775807"));
    }

    @Test
    void keysMatchesGlobs() {
        h.run("mset", "user:1", "a", "user:2", "b", "admin:1", "c", "user:10", "d");
        assertEquals(bulks("admin:1"), h.run("keys", "admin:*"));
        Set<String> users = new HashSet<>(parseBulks(h.run("keys", "user:?")));
        assertEquals(Set.of("user:1", "user:2"), users);
        assertEquals(Set.of("user:1", "user:10", "admin:1"), new HashSet<>(parseBulks(h.run("keys", "*[1]*"))));
        assertEquals(4, parseBulks(h.run("keys", "*")).size());
        h.run("pexpire", "user:1", "5");
        h.clock.advance(5);
        assertEquals(3, parseBulks(h.run("keys", "*")).size(), "expired keys are hidden");
    }

    @Test
    void scanWalksEveryKeyOnce() {
        for (int i = 0; i < 1000; i++) {
            h.run("set", "key:" + i, "v");
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            String reply = h.run("scan", cursor, "COUNT", "50");
            Matcher m = Pattern.compile("^\\*2\r\n\\$\\d+\r\n(\\d+)\r\n").matcher(reply);
            assertTrue(m.find(), reply);
            cursor = m.group(1);
            seen.addAll(parseBulks(reply.substring(m.end())));
            calls++;
        } while (!cursor.equals("0"));
        assertEquals(1000, seen.size());
        assertTrue(calls > 10, "COUNT bounds each call");
    }

    @Test
    void scanFiltersByMatchAndType() {
        h.run("set", "s1", "v");
        h.run("lpush", "l1", "v");
        h.run("hset", "h1", "f", "v");
        assertEquals("*2\r\n$1\r\n0\r\n" + bulks("l1"), h.run("scan", "0", "TYPE", "LIST", "COUNT", "100"));
        assertEquals("*2\r\n$1\r\n0\r\n" + bulks("h1"), h.run("scan", "0", "MATCH", "h*", "COUNT", "100"));
        assertEquals(error("ERR syntax error"), h.run("scan", "0", "COUNT", "0"));
        assertEquals(error("ERR syntax error"), h.run("scan", "0", "MATCH"));
        assertEquals(error("ERR value is not an integer or out of range"), h.run("scan", "0", "COUNT", "x"));
        assertEquals(error("ERR invalid cursor"), h.run("scan", "x"));
    }

    @Test
    void typeDelExistsUnlinkDbsize() {
        h.run("set", "a", "1");
        h.run("rpush", "b", "1");
        h.run("sadd", "c", "1");
        h.run("zadd", "d", "1", "m");
        h.run("hset", "e", "f", "v");
        assertEquals("+string\r\n", h.run("type", "a"));
        assertEquals("+list\r\n", h.run("type", "b"));
        assertEquals("+set\r\n", h.run("type", "c"));
        assertEquals("+zset\r\n", h.run("type", "d"));
        assertEquals("+hash\r\n", h.run("type", "e"));
        assertEquals("+none\r\n", h.run("type", "zz"));
        assertEquals(integer(3), h.run("exists", "a", "a", "b", "zz"));
        assertEquals(integer(5), h.run("dbsize"));
        assertEquals(integer(2), h.run("del", "a", "b", "zz"));
        assertEquals(integer(1), h.run("unlink", "c"));
        assertEquals(OK, h.run("flushdb"));
        assertEquals(integer(0), h.run("dbsize"));
        assertEquals(error("ERR syntax error"), h.run("flushall", "now"));
        assertEquals(OK, h.run("flushall", "ASYNC"));
    }

    @Test
    void renameMovesValueAndTtl() {
        h.run("set", "a", "1", "PX", "5000");
        h.run("set", "b", "2");
        assertEquals(integer(0), h.run("renamenx", "a", "b"));
        assertEquals(OK, h.run("rename", "a", "b"));
        assertEquals(bulk("1"), h.run("get", "b"));
        assertEquals(integer(5000), h.run("pttl", "b"));
        assertEquals(integer(0), h.run("exists", "a"));
        assertEquals(error("ERR no such key"), h.run("rename", "a", "c"));
        assertEquals(OK, h.run("rename", "b", "b"));
        assertEquals(integer(0), h.run("renamenx", "b", "b"));
        assertEquals(integer(1), h.run("renamenx", "b", "c"));
    }

    static java.util.List<String> parseBulks(String wire) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("\\$(\\d+)\r\n").matcher(wire);
        int pos = 0;
        while (m.find(pos)) {
            int len = Integer.parseInt(m.group(1));
            out.add(wire.substring(m.end(), m.end() + len));
            pos = m.end() + len + 2;
        }
        return out;
    }
}
