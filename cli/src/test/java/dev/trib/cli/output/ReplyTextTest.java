package dev.trib.cli.output;

import dev.trib.commands.node.resp.Reply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How {@code trib call} shows each kind of reply. */
class ReplyTextTest {
    private static Reply bulk(String s) {
        return new Reply.Bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Reply num(long n) {
        return new Reply.Int(n);
    }

    private static Reply array(Reply... items) {
        return new Reply.Array(List.of(items));
    }

    @Test
    void scalarsFitOnTheNodeLine() {
        assertEquals(List.of("h:1: OK"), ReplyText.lines("h:1:", new Reply.Simple("OK")));
        assertEquals(List.of("h:1: bar"), ReplyText.lines("h:1:", bulk("bar")));
        assertEquals(List.of("h:1: 42"), ReplyText.lines("h:1:", num(42)));
        assertEquals(List.of("h:1: (nil)"), ReplyText.lines("h:1:", Reply.NIL));
        assertEquals(List.of("h:1: \"\""), ReplyText.lines("h:1:", bulk("")));
        assertEquals(List.of("h:1: (error) ERR unknown command 'X'"),
                ReplyText.lines("h:1:", new Reply.Error("ERR unknown command 'X'")));
        assertEquals(List.of("h:1: (empty array)"), ReplyText.lines("h:1:", array()));
    }

    @Test
    void arraysAndMultiLineTextGoOneLinePerElementIndented() {
        assertEquals(List.of("h:1:", "  maxmemory", "  0"),
                ReplyText.lines("h:1:", array(bulk("maxmemory"), bulk("0"))));
        assertEquals(List.of("h:1:", "  one"), ReplyText.lines("h:1:", array(bulk("one"))));
        assertEquals(List.of("h:1:", "  # Server", "  redis_version:7.0.15"),
                ReplyText.lines("h:1:", bulk("# Server\r\nredis_version:7.0.15\r\n")));
        assertEquals(List.of("h:1:", "  (nil)", "  3"), ReplyText.lines("h:1:", array(Reply.NIL, num(3))));
    }

    @Test
    void nestedArraysStartWithADash() {
        Reply slots = array(array(num(0), num(5460), array(bulk("127.0.0.1"), num(7001))),
                array(num(5461), num(16383), array(bulk("127.0.0.2"), num(7002))));
        assertEquals(List.of("h:1:",
                "  - 0",
                "    5460",
                "    - 127.0.0.1",
                "      7001",
                "  - 5461",
                "    16383",
                "    - 127.0.0.2",
                "      7002"), ReplyText.lines("h:1:", slots));
    }

    @Test
    void jsonKeepsTypesAndLeavesErrorsOut() {
        assertEquals(Arrays.asList("a", 1L, null, List.of("b")),
                ReplyText.json(array(bulk("a"), num(1), Reply.NIL, array(bulk("b")))));
        assertEquals(null, ReplyText.json(new Reply.Error("ERR x")));
        assertEquals(null, ReplyText.json(null));
    }
}
