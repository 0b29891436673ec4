package dev.trib.node.command;

import static dev.trib.node.support.CommandHarness.NIL;
import static dev.trib.node.support.CommandHarness.OK;
import static dev.trib.node.support.CommandHarness.bulk;
import static dev.trib.node.support.CommandHarness.bulks;
import static dev.trib.node.support.CommandHarness.error;
import static dev.trib.node.support.CommandHarness.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.support.CommandHarness;
import org.junit.jupiter.api.Test;

class ListCommandsTest {
    private final CommandHarness h = new CommandHarness();

    @Test
    void pushPopAndRanges() {
        assertEquals(integer(3), h.run("rpush", "l", "a", "b", "c"));
        assertEquals(integer(5), h.run("lpush", "l", "y", "z"));
        assertEquals(bulks("z", "y", "a", "b", "c"), h.run("lrange", "l", "0", "-1"));
        assertEquals(bulks("b", "c"), h.run("lrange", "l", "-2", "100"));
        assertEquals("*0\r\n", h.run("lrange", "l", "3", "1"));
        assertEquals(bulk("z"), h.run("lpop", "l"));
        assertEquals(bulks("c", "b"), h.run("rpop", "l", "2"));
        assertEquals(bulks("y", "a"), h.run("lpop", "l", "10"));
        assertEquals(integer(0), h.run("exists", "l"));
        assertEquals(NIL, h.run("lpop", "l"));
        assertEquals("*-1\r\n", h.run("lpop", "l", "1"));
        assertEquals(integer(0), h.run("lpushx", "l", "a"));
        assertEquals(integer(0), h.run("rpushx", "l", "a"));
        h.run("rpush", "l", "a");
        assertEquals("*0\r\n", h.run("rpop", "l", "0"));
        assertEquals(integer(2), h.run("rpushx", "l", "b"));
        assertEquals(error("ERR value is out of range, must be positive"), h.run("lpop", "l", "-1"));
    }

    @Test
    void indexSetInsertRemoveTrim() {
        h.run("rpush", "l", "a", "b", "a", "c", "a");
        assertEquals(bulk("c"), h.run("lindex", "l", "-2"));
        assertEquals(NIL, h.run("lindex", "l", "5"));
        assertEquals(OK, h.run("lset", "l", "1", "B"));
        assertEquals(error("ERR index out of range"), h.run("lset", "l", "9", "x"));
        assertEquals(error("ERR no such key"), h.run("lset", "nope", "0", "x"));
        assertEquals(integer(6), h.run("linsert", "l", "BEFORE", "c", "x"));
        assertEquals(integer(7), h.run("linsert", "l", "after", "c", "y"));
        assertEquals(integer(-1), h.run("linsert", "l", "after", "zz", "y"));
        assertEquals(integer(0), h.run("linsert", "nope", "after", "zz", "y"));
        assertEquals(error("ERR syntax error"), h.run("linsert", "l", "middle", "c", "y"));
        assertEquals(bulks("a", "B", "a", "x", "c", "y", "a"), h.run("lrange", "l", "0", "-1"));
        assertEquals(integer(1), h.run("lrem", "l", "-1", "a"));
        assertEquals(bulks("a", "B", "a", "x", "c", "y"), h.run("lrange", "l", "0", "-1"));
        assertEquals(integer(2), h.run("lrem", "l", "0", "a"));
        assertEquals(OK, h.run("ltrim", "l", "1", "-2"));
        assertEquals(bulks("x", "c"), h.run("lrange", "l", "0", "-1"));
        assertEquals(OK, h.run("ltrim", "l", "5", "10"));
        assertEquals(integer(0), h.run("exists", "l"));
        assertEquals(OK, h.run("ltrim", "nope", "0", "1"));
        assertEquals(integer(0), h.run("llen", "nope"));
    }
}
