package dev.trib.node.command;

import static dev.trib.node.support.CommandHarness.NIL;
import static dev.trib.node.support.CommandHarness.OK;
import static dev.trib.node.support.CommandHarness.WRONGTYPE;
import static dev.trib.node.support.CommandHarness.bulk;
import static dev.trib.node.support.CommandHarness.bulks;
import static dev.trib.node.support.CommandHarness.error;
import static dev.trib.node.support.CommandHarness.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.support.CommandHarness;
import org.junit.jupiter.api.Test;

class StringCommandsTest {
    private static final String SYNTAX = error("ERR syntax error");
    private static final String NOT_INT = error("ERR value is not an integer or out of range");

    private final CommandHarness h = new CommandHarness();

    @Test
    void setOptions() {
        assertEquals(NIL, h.run("set", "k", "v", "XX"));
        assertEquals(OK, h.run("set", "k", "v", "NX"));
        assertEquals(NIL, h.run("set", "k", "w", "NX"));
        assertEquals(bulk("v"), h.run("set", "k", "w", "GET"));
        assertEquals(bulk("w"), h.run("set", "k", "x", "NX", "GET"), "GET answers even when NX aborts");
        assertEquals(bulk("w"), h.run("get", "k"));
        assertEquals(NIL, h.run("set", "new", "1", "GET"));
        assertEquals(OK, h.run("set", "k", "v", "PX", "1500"));
        assertEquals(OK, h.run("set", "k", "v2", "KEEPTTL"));
        assertEquals(integer(1500), h.run("pttl", "k"));
        assertEquals(OK, h.run("set", "k", "v3"));
        assertEquals(integer(-1), h.run("pttl", "k"));
        assertEquals(OK, h.run("set", "k", "v", "EXAT", Long.toString(h.clock.nowMillis() / 1000 + 100)));
        assertEquals(integer(100), h.run("ttl", "k"));
        assertEquals(OK, h.run("set", "k", "v", "EX", "1", "EX", "2"), "repeating a form is accepted");
        assertEquals(integer(2), h.run("ttl", "k"));
    }

    @Test
    void setOptionErrors() {
        assertEquals(SYNTAX, h.run("set", "k", "v", "NX", "XX"));
        assertEquals(SYNTAX, h.run("set", "k", "v", "EX", "10", "PX", "100"));
        assertEquals(SYNTAX, h.run("set", "k", "v", "KEEPTTL", "EX", "10"));
        assertEquals(SYNTAX, h.run("set", "k", "v", "EX"));
        assertEquals(SYNTAX, h.run("set", "k", "v", "FOO"));
        assertEquals(error("ERR invalid expire time in 'set' command"), h.run("set", "k", "v", "EX", "0"));
        assertEquals(error("ERR invalid expire time in 'set' command"), h.run("set", "k", "v", "PX", "-5"));
        assertEquals(NOT_INT, h.run("set", "k", "v", "EX", "1.5"));
        assertEquals(error("ERR invalid expire time in 'setex' command"), h.run("setex", "k", "0", "v"));
        assertEquals(error("ERR invalid expire time in 'psetex' command"), h.run("psetex", "k", "-1", "v"));
    }

    @Test
    void setFamily() {
        assertEquals(integer(1), h.run("setnx", "a", "1"));
        assertEquals(integer(0), h.run("setnx", "a", "2"));
        assertEquals(OK, h.run("setex", "b", "10", "x"));
        assertEquals(integer(10), h.run("ttl", "b"));
        assertEquals(OK, h.run("psetex", "c", "250", "y"));
        assertEquals(integer(250), h.run("pttl", "c"));
        assertEquals(bulk("x"), h.run("getset", "b", "z"));
        assertEquals(integer(-1), h.run("ttl", "b"), "GETSET drops the TTL");
        assertEquals(bulk("z"), h.run("getdel", "b"));
        assertEquals(NIL, h.run("getdel", "b"));
        assertEquals(OK, h.run("mset", "m1", "1", "m2", "2"));
        h.run("lpush", "list", "x");
        assertEquals(bulks("1", null, "2", null), h.run("mget", "m1", "nope", "m2", "list"));
        assertEquals(WRONGTYPE, h.run("getset", "list", "v"));
        assertEquals(WRONGTYPE, h.run("set", "list", "v", "GET"));
        assertEquals(OK, h.run("set", "list", "v"), "plain SET overwrites any type");
    }

    @Test
    void counters() {
        assertEquals(integer(1), h.run("incr", "n"));
        assertEquals(integer(-4), h.run("decrby", "n", "5"));
        assertEquals(integer(6), h.run("incrby", "n", "10"));
        assertEquals(integer(5), h.run("decr", "n"));
        h.run("set", "n", "9223372036854775807");
        assertEquals(error("ERR increment or decrement would overflow"), h.run("incr", "n"));
        assertEquals(error("ERR decrement would overflow"), h.run("decrby", "n", "-9223372036854775808"));
        h.run("set", "s", " 1");
        assertEquals(NOT_INT, h.run("incr", "s"));
        assertEquals(NOT_INT, h.run("incrby", "n", "1.5"));
        h.run("set", "t", "5", "PX", "1000");
        assertEquals(integer(6), h.run("incr", "t"));
        assertEquals(integer(1000), h.run("pttl", "t"), "INCR keeps the TTL");
    }

    @Test
    void incrByFloat() {
        h.run("set", "f", "10.50");
        assertEquals(bulk("10.6"), h.run("incrbyfloat", "f", "0.1"));
        assertEquals(bulk("5.6"), h.run("incrbyfloat", "f", "-5"));
        h.run("set", "f", "5.0e3");
        assertEquals(bulk("5200"), h.run("incrbyfloat", "f", "2.0e2"));
        assertEquals(bulk("3.5"), h.run("incrbyfloat", "new", "3.5"));
        assertEquals(error("ERR value is not a valid float"), h.run("incrbyfloat", "f", "abc"));
        h.run("set", "bad", "x");
        assertEquals(error("ERR value is not a valid float"), h.run("incrbyfloat", "bad", "1"));
        assertEquals(error("ERR increment would produce NaN or Infinity"), h.run("incrbyfloat", "f", "inf"));
    }

    @Test
    void appendStrlenRanges() {
        assertEquals(integer(5), h.run("append", "s", "Hello"));
        assertEquals(integer(11), h.run("append", "s", " World"));
        assertEquals(integer(11), h.run("strlen", "s"));
        assertEquals(integer(0), h.run("strlen", "none"));
        assertEquals(bulk("Hello"), h.run("getrange", "s", "0", "4"));
        assertEquals(bulk("World"), h.run("getrange", "s", "-5", "-1"));
        assertEquals(bulk("Hello World"), h.run("getrange", "s", "0", "100"));
        assertEquals(bulk(""), h.run("getrange", "s", "5", "3"));
        assertEquals(bulk(""), h.run("getrange", "s", "-1", "-5"));
        assertEquals(bulk(""), h.run("getrange", "none", "0", "-1"));
        assertEquals(integer(11), h.run("setrange", "s", "6", "Redis"));
        assertEquals(bulk("Hello Redis"), h.run("get", "s"));
        assertEquals(integer(14), h.run("setrange", "s", "12", "!!"));
        assertEquals(bulk("Hello Redis\0!!"), h.run("get", "s"));
        assertEquals(integer(0), h.run("setrange", "empty", "5", ""));
        assertEquals(integer(0), h.run("exists", "empty"));
        assertEquals(integer(3), h.run("setrange", "z", "1", "ab"));
        assertEquals(bulk("\0ab"), h.run("get", "z"));
        assertEquals(error("ERR offset is out of range"), h.run("setrange", "z", "-1", "x"));
        assertEquals(error("ERR string exceeds maximum allowed size (proto-max-bulk-len)"),
                h.run("setrange", "z", "536870912", "x"));
    }

    @Test
    void appendedValuesAreNotAliasedByEarlierReplies() {
        h.run("set", "s", "abc");
        String before = h.run("get", "s");
        h.run("append", "s", "def");
        h.run("setrange", "s", "0", "X");
        assertEquals(bulk("abc"), before);
        assertEquals(bulk("Xbcdef"), h.run("get", "s"));
    }
}
