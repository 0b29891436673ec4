package dev.trib.node.command;

import static dev.trib.node.support.CommandHarness.NIL;
import static dev.trib.node.support.CommandHarness.WRONGTYPE;
import static dev.trib.node.support.CommandHarness.bulks;
import static dev.trib.node.support.CommandHarness.error;
import static dev.trib.node.support.CommandHarness.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.support.CommandHarness;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetCommandsTest {
    private final CommandHarness h = new CommandHarness();

    private Set<String> members(String wire) {
        return new HashSet<>(KeyCommandsTest.parseBulks(wire));
    }

    @Test
    void integerSetsComeBackSorted() {
        assertEquals(integer(4), h.run("sadd", "s", "10", "-3", "7", "2", "7"));
        assertEquals(bulks("-3", "2", "7", "10"), h.run("smembers", "s"));
        assertEquals("*2\r\n$1\r\n0\r\n" + bulks("-3", "2", "7", "10"), h.run("sscan", "s", "99"));
        h.run("sadd", "t", "7", "8", "2");
        assertEquals(bulks("2", "7"), h.run("sinter", "s", "t"));
        assertEquals(bulks("-3", "2", "7", "8", "10"), h.run("sunion", "s", "t"));
        assertEquals(bulks("-3", "10"), h.run("sdiff", "s", "t"));
    }

    @Test
    void membershipAndRemoval() {
        h.run("sadd", "s", "a", "b", "c");
        assertEquals(integer(1), h.run("sismember", "s", "a"));
        assertEquals(integer(0), h.run("sismember", "s", "z"));
        assertEquals("*3\r\n:1\r\n:0\r\n:1\r\n", h.run("smismember", "s", "a", "z", "c"));
        assertEquals(integer(3), h.run("scard", "s"));
        assertEquals(integer(2), h.run("srem", "s", "a", "b", "z"));
        assertEquals(integer(1), h.run("srem", "s", "c"));
        assertEquals(integer(0), h.run("exists", "s"));
        assertEquals("*0\r\n", h.run("smembers", "s"));
    }

    @Test
    void missingKeysAndWrongTypes() {
        h.run("sadd", "s", "a");
        h.run("set", "str", "x");
        assertEquals("*0\r\n", h.run("sinter", "s", "missing"));
        assertEquals(WRONGTYPE, h.run("sinter", "missing", "str"));
        assertEquals(bulks("a"), h.run("sunion", "missing", "s"));
        assertEquals("*0\r\n", h.run("sdiff", "missing", "s"));
        assertEquals("*0\r\n", h.run("sdiff", "s", "s"));
        assertEquals(NIL, h.run("spop", "missing"));
        assertEquals("*0\r\n", h.run("spop", "missing", "2"));
        assertEquals(NIL, h.run("srandmember", "missing"));
        assertEquals("*0\r\n", h.run("srandmember", "missing", "3"));
        assertEquals(error("ERR syntax error"), h.run("spop", "s", "1", "2"));
        assertEquals(error("ERR value is out of range, must be positive"), h.run("spop", "s", "-1"));
        assertEquals("*2\r\n$1\r\n0\r\n*0\r\n", h.run("sscan", "missing", "0", "COUNT", "0"),
                "a missing key answers before options are checked");
    }

    @Test
    void randomMembers() {
        h.run("sadd", "s", "a", "b", "c", "d", "e");
        Set<String> all = Set.of("a", "b", "c", "d", "e");
        for (int i = 0; i < 20; i++) {
            List<String> three = KeyCommandsTest.parseBulks(h.run("srandmember", "s", "3"));
            assertEquals(3, new HashSet<>(three).size());
            assertTrue(all.containsAll(three));
            List<String> four = KeyCommandsTest.parseBulks(h.run("srandmember", "s", "1"));
            assertEquals(1, four.size());
            assertEquals(8, KeyCommandsTest.parseBulks(h.run("srandmember", "s", "-8")).size());
        }
        assertEquals(all, members(h.run("srandmember", "s", "10")));
        Set<String> popped = members(h.run("spop", "s", "2"));
        assertEquals(2, popped.size());
        assertEquals(integer(3), h.run("scard", "s"));
        Set<String> rest = members(h.run("spop", "s", "10"));
        assertEquals(3, rest.size());
        assertEquals(integer(0), h.run("exists", "s"));
    }

    @Test
    void largeSetsScanByCursor() {
        for (int i = 0; i < 100; i++) {
            h.run("sadd", "big", "m" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            List<String> parts = KeyCommandsTest.parseBulks(h.run("sscan", "big", cursor, "COUNT", "7"));
            cursor = parts.get(0);
            seen.addAll(parts.subList(1, parts.size()));
        } while (!cursor.equals("0"));
        assertEquals(100, seen.size());
    }
}
