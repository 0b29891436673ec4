package dev.trib.node.command;

import static dev.trib.node.support.CommandHarness.NIL;
import static dev.trib.node.support.CommandHarness.bulk;
import static dev.trib.node.support.CommandHarness.bulks;
import static dev.trib.node.support.CommandHarness.error;
import static dev.trib.node.support.CommandHarness.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.support.CommandHarness;
import org.junit.jupiter.api.Test;

class ZSetCommandsTest {
    private final CommandHarness h = new CommandHarness();

    @Test
    void addScoreAndOrder() {
        assertEquals(integer(4), h.run("zadd", "z", "1", "b", "1", "a", "0.5", "c", "2", "d"));
        assertEquals(bulks("c", "a", "b", "d"), h.run("zrange", "z", "0", "-1"));
        assertEquals(bulks("d", "2", "b", "1"), h.run("zrevrange", "z", "0", "1", "WITHSCORES"));
        assertEquals(bulk("0.5"), h.run("zscore", "z", "c"));
        assertEquals(NIL, h.run("zscore", "z", "nope"));
        assertEquals(integer(0), h.run("zrank", "z", "c"));
        assertEquals(integer(3), h.run("zrevrank", "z", "c"));
        assertEquals(NIL, h.run("zrank", "z", "nope"));
        assertEquals(integer(4), h.run("zcard", "z"));
        assertEquals(bulk("3.5"), h.run("zincrby", "z", "1.5", "d"));
        assertEquals(bulk("0.10000000000000001"), h.run("zincrby", "z", "0.1", "new"));
        assertEquals(integer(2), h.run("zrem", "z", "new", "c", "zz"));
    }

    @Test
    void addOptions() {
        h.run("zadd", "z", "10", "m");
        assertEquals(integer(0), h.run("zadd", "z", "NX", "20", "m"));
        assertEquals(bulk("10"), h.run("zscore", "z", "m"));
        assertEquals(integer(0), h.run("zadd", "z", "XX", "5", "other"));
        assertEquals(NIL, h.run("zscore", "z", "other"));
        assertEquals(integer(0), h.run("zadd", "z", "GT", "5", "m"));
        assertEquals(bulk("10"), h.run("zscore", "z", "m"));
        assertEquals(integer(1), h.run("zadd", "z", "GT", "CH", "15", "m"));
        assertEquals(integer(2), h.run("zadd", "z", "LT", "CH", "1", "m", "3", "n"));
        assertEquals(bulks("m", "1", "n", "3"), h.run("zrange", "z", "0", "-1", "withscores"));
        assertEquals(NIL, h.run("zadd", "z", "GT", "INCR", "-1", "m"));
        assertEquals(bulk("2"), h.run("zadd", "z", "INCR", "1", "m"));
        assertEquals(integer(0), h.run("zadd", "missing", "XX", "1", "m"));
        assertEquals(integer(0), h.run("exists", "missing"));
        assertEquals(error("ERR XX and NX options at the same time are not compatible"),
                h.run("zadd", "z", "NX", "XX", "1", "m"));
        assertEquals(error("ERR GT, LT, and/or NX options at the same time are not compatible"),
                h.run("zadd", "z", "GT", "LT", "1", "m"));
        assertEquals(error("ERR INCR option supports a single increment-element pair"),
                h.run("zadd", "z", "INCR", "1", "a", "2", "b"));
        assertEquals(error("ERR syntax error"), h.run("zadd", "z", "1", "a", "2"));
        assertEquals(error("ERR value is not a valid float"), h.run("zadd", "z", "1", "a", "x", "b"));
        assertEquals(integer(0), h.run("exists", "z2"));
        assertEquals(error("ERR value is not a valid float"), h.run("zadd", "z2", "nan", "a"));
        h.run("zadd", "inf", "inf", "a");
        assertEquals(bulk("inf"), h.run("zscore", "inf", "a"));
        assertEquals(error("ERR resulting score is not a number (NaN)"), h.run("zincrby", "inf", "-inf", "a"));
    }

    @Test
    void scoreRangesAndLimits() {
        for (int i = 1; i <= 6; i++) {
            h.run("zadd", "z", Integer.toString(i), "m" + i);
        }
        assertEquals(integer(3), h.run("zcount", "z", "(1", "4"));
        assertEquals(integer(6), h.run("zcount", "z", "-inf", "+inf"));
        assertEquals(integer(0), h.run("zcount", "missing", "0", "1"));
        assertEquals(error("ERR min or max is not a float"), h.run("zcount", "z", "x", "1"));
        assertEquals(bulks("m2", "m3", "m4"), h.run("zrangebyscore", "z", "(1", "4"));
        assertEquals(bulks("m3", "3", "m4", "4"), h.run("zrangebyscore", "z", "2", "5", "WITHSCORES", "LIMIT", "1", "2"));
        assertEquals(bulks("m5", "m4"), h.run("zrange", "z", "5", "(3", "BYSCORE", "REV"));
        assertEquals(bulks("m6", "m5"), h.run("zrange", "z", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "0", "2"));
        assertEquals("*0\r\n", h.run("zrange", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "-1", "2"));
        assertEquals(bulks("m5", "m6"), h.run("zrange", "z", "-inf", "+inf", "BYSCORE", "LIMIT", "4", "-1"));
        assertEquals(bulks("m1", "m2"), h.run("zrange", "z", "0", "1"));
        assertEquals(bulks("m6"), h.run("zrange", "z", "0", "0", "REV"));
        assertEquals(error("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"),
                h.run("zrange", "z", "0", "1", "LIMIT", "0", "1"));
        assertEquals(error("ERR syntax error"), h.run("zrevrange", "z", "0", "1", "REV"));
        assertEquals(error("ERR syntax error"), h.run("zrangebyscore", "z", "0", "1", "BYSCORE"));
        assertEquals("*0\r\n", h.run("zrange", "missing", "0", "-1"));
    }

    @Test
    void lexRanges() {
        for (String m : new String[] {"a", "b", "c", "d"}) {
            h.run("zadd", "z", "0", m);
        }
        assertEquals(bulks("b", "c"), h.run("zrange", "z", "(a", "[c", "BYLEX"));
        assertEquals(bulks("d", "c"), h.run("zrange", "z", "+", "[c", "BYLEX", "REV"));
        assertEquals(bulks("a"), h.run("zrange", "z", "-", "+", "BYLEX", "LIMIT", "0", "1"));
        assertEquals(error("ERR min or max not valid string range item"), h.run("zrange", "z", "a", "c", "BYLEX"));
        assertEquals(error("ERR syntax error, WITHSCORES not supported in combination with BYLEX"),
                h.run("zrange", "z", "-", "+", "BYLEX", "WITHSCORES"));
    }

    @Test
    void zscanReflectsTheEncoding() {
        h.run("zadd", "small", "1e17", "a", "1.5", "b");
        assertEquals("*2\r\n$1\r\n0\r\n" + bulks("b", "1.5", "a", "100000000000000000"), h.run("zscan", "small", "7"));
        assertEquals(bulk("1e+17"), h.run("zscore", "small", "a"));
        h.run("zadd", "large", "1e17", "a".repeat(65));
        assertEquals("*2\r\n$1\r\n0\r\n" + bulks("a".repeat(65), "1e+17"), h.run("zscan", "large", "0"));
    }

    @Test
    void emptySetsAreDeleted() {
        h.run("zadd", "z", "1", "a");
        assertEquals(integer(1), h.run("zrem", "z", "a"));
        assertEquals(integer(0), h.run("exists", "z"));
    }
}
