package dev.trib.node.command;

import static dev.trib.node.support.CommandHarness.NIL;
import static dev.trib.node.support.CommandHarness.bulk;
import static dev.trib.node.support.CommandHarness.bulks;
import static dev.trib.node.support.CommandHarness.error;
import static dev.trib.node.support.CommandHarness.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.support.CommandHarness;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashCommandsTest {
    private final CommandHarness h = new CommandHarness();

    @Test
    void smallHashesKeepInsertionOrder() {
        assertEquals(integer(3), h.run("hset", "h", "b", "1", "a", "2", "c", "3"));
        assertEquals(integer(0), h.run("hset", "h", "a", "20"));
        assertEquals(bulks("b", "1", "a", "20", "c", "3"), h.run("hgetall", "h"));
        assertEquals(bulks("b", "a", "c"), h.run("hkeys", "h"));
        assertEquals(bulks("1", "20", "3"), h.run("hvals", "h"));
        assertEquals("*2\r\n$1\r\n0\r\n" + bulks("b", "1", "a", "20", "c", "3"), h.run("hscan", "h", "42"));
        assertEquals("*2\r\n$1\r\n0\r\n" + bulks("a", "20"), h.run("hscan", "h", "0", "MATCH", "a"));
    }

    @Test
    void fieldOperations() {
        h.run("hset", "h", "f", "v");
        assertEquals(bulk("v"), h.run("hget", "h", "f"));
        assertEquals(NIL, h.run("hget", "h", "x"));
        assertEquals(NIL, h.run("hget", "nope", "x"));
        assertEquals(bulks("v", null), h.run("hmget", "h", "f", "x"));
        assertEquals(bulks(null, null), h.run("hmget", "nope", "f", "x"));
        assertEquals(integer(1), h.run("hexists", "h", "f"));
        assertEquals(integer(0), h.run("hsetnx", "h", "f", "w"));
        assertEquals(integer(1), h.run("hsetnx", "h", "g", "w"));
        assertEquals(integer(2), h.run("hlen", "h"));
        assertEquals(integer(2), h.run("hdel", "h", "f", "g", "x"));
        assertEquals(integer(0), h.run("exists", "h"), "the empty hash is deleted");
        assertEquals("*0\r\n", h.run("hgetall", "h"));
    }

    @Test
    void increments() {
        assertEquals(integer(5), h.run("hincrby", "h", "n", "5"));
        assertEquals(integer(-5), h.run("hincrby", "h", "n", "-10"));
        h.run("hset", "h", "s", "x");
        assertEquals(error("ERR hash value is not an integer"), h.run("hincrby", "h", "s", "1"));
        assertEquals(error("ERR value is not an integer or out of range"), h.run("hincrby", "h", "n", "x"));
        h.run("hset", "h", "big", "9223372036854775807");
        assertEquals(error("ERR increment or decrement would overflow"), h.run("hincrby", "h", "big", "1"));
        assertEquals(bulk("10.6"), h.run("hincrbyfloat", "h", "f", "10.6"));
        assertEquals(bulk("10.7"), h.run("hincrbyfloat", "h", "f", "0.1"));
        assertEquals(error("ERR hash value is not a float"), h.run("hincrbyfloat", "h", "s", "1"));
        assertEquals(error("ERR value is NaN or Infinity"), h.run("hincrbyfloat", "h", "f", "inf"));
        assertEquals(error("ERR value is not a valid float"), h.run("hincrbyfloat", "h", "f", "x"));
    }

    /** Past hash-max-listpack-entries (512, as redis-server 7.0) HSCAN walks a table by cursor. */
    @Test
    void largeHashesScanByCursor() {
        for (int i = 0; i < 600; i++) {
            h.run("hset", "big", "field" + i, "v" + i);
        }
        Set<String> fields = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        do {
            String reply = h.run("hscan", "big", cursor);
            java.util.List<String> parts = KeyCommandsTest.parseBulks(reply);
            cursor = parts.get(0);
            for (int i = 1; i < parts.size(); i += 2) {
                fields.add(parts.get(i));
                assertEquals("v" + parts.get(i).substring(5), parts.get(i + 1));
            }
            calls++;
        } while (!cursor.equals("0"));
        assertEquals(600, fields.size());
        assertTrue(calls > 1);
    }
}
