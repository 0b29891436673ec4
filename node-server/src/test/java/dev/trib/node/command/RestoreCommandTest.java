package dev.trib.node.command;

import static dev.trib.node.support.CommandHarness.NIL;
import static dev.trib.node.support.CommandHarness.OK;
import static dev.trib.node.support.CommandHarness.bulk;
import static dev.trib.node.support.CommandHarness.bulks;
import static dev.trib.node.support.CommandHarness.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.support.CommandHarness;
import org.junit.jupiter.api.Test;

/** RESTORE's expiry arithmetic on a hand-driven clock, and DUMP / RESTORE of every type through the dispatcher. */
class RestoreCommandTest {
    private final CommandHarness h = new CommandHarness();

    /** The payload out of a DUMP reply. */
    private String dump(String key) {
        String reply = h.run("dump", key);
        return reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
    }

    @Test
    void relativeAndAbsoluteTtls() {
        h.run("set", "k", "v");
        String p = dump("k");
        assertEquals(OK, h.run("restore", "rel", "5000", p));
        assertEquals(integer(5000), h.run("pttl", "rel"));
        assertEquals(OK, h.run("restore", "none", "0", p));
        assertEquals(integer(-1), h.run("pttl", "none"));
        long now = h.clock.nowMillis();
        assertEquals(OK, h.run("restore", "abs", Long.toString(now + 100), p, "ABSTTL"));
        assertEquals(integer(100), h.run("pttl", "abs"));
        // At or before now the key is born expired: OK, nothing stored, and REPLACE has removed the old one.
        assertEquals(OK, h.run("restore", "abs", Long.toString(now), p, "ABSTTL", "REPLACE"));
        assertEquals(integer(0), h.run("exists", "abs"));
        h.clock.advance(5000);
        assertEquals(NIL, h.run("get", "rel"));
        assertEquals(OK, h.run("restore", "rel", "1", p), "an expired key is no longer busy");
    }

    @Test
    void everyTypeSurvivesDumpAndRestore() {
        h.run("rpush", "l", "a", "1", "b");
        h.run("sadd", "s", "3", "1", "2");
        h.run("hset", "h", "f", "v");
        h.run("zadd", "z", "2", "b", "1", "a");
        h.run("set", "str", "x".repeat(100));
        for (String k : new String[] {"l", "s", "h", "z", "str"}) {
            assertEquals(OK, h.run("restore", k + "2", "0", dump(k)), k);
        }
        assertEquals(bulks("a", "1", "b"), h.run("lrange", "l2", "0", "-1"));
        assertEquals(bulks("1", "2", "3"), h.run("smembers", "s2"));
        assertEquals(bulks("f", "v"), h.run("hgetall", "h2"));
        assertEquals(bulks("a", "1", "b", "2"), h.run("zrange", "z2", "0", "-1", "withscores"));
        assertEquals(bulk("x".repeat(100)), h.run("get", "str2"));
        assertEquals(OK, h.run("restore", "s", "0", dump("l"), "REPLACE"));
        assertEquals("+list\r\n", h.run("type", "s"), "REPLACE swaps a set for a list");
    }
}
