package dev.trib.cli.output;

import dev.trib.commands.node.resp.RespError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How {@code trib call} shows each kind of reply. */
class ReplyTextTest {
    private static byte[] bulk(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scalarsFitOnTheNodeLine() {
        assertEquals(List.of("h:1: OK"), ReplyText.lines("h:1:", "OK"));
        assertEquals(List.of("h:1: bar"), ReplyText.lines("h:1:", bulk("bar")));
        assertEquals(List.of("h:1: 42"), ReplyText.lines("h:1:", 42L));
        assertEquals(List.of("h:1: (nil)"), ReplyText.lines("h:1:", null));
        assertEquals(List.of("h:1: \"\""), ReplyText.lines("h:1:", bulk("")));
        assertEquals(List.of("h:1: (error) ERR unknown command 'X'"),
                ReplyText.lines("h:1:", new RespError("ERR unknown command 'X'")));
        assertEquals(List.of("h:1: (empty array)"), ReplyText.lines("h:1:", List.of()));
    }

    @Test
    void arraysAndMultiLineTextGoOneLinePerElementIndented() {
        assertEquals(List.of("h:1:", "  maxmemory", "  0"),
                ReplyText.lines("h:1:", List.of(bulk("maxmemory"), bulk("0"))));
        assertEquals(List.of("h:1:", "  one"), ReplyText.lines("h:1:", List.of(bulk("one"))));
        assertEquals(List.of("h:1:", "  # Server", "  redis_version:7.0.15"),
                ReplyText.lines("h:1:", bulk("# Server\r\nredis_version:7.0.15\r\n")));
        assertEquals(List.of("h:1:", "  (nil)", "  3"), ReplyText.lines("h:1:", Arrays.asList(null, 3L)));
    }

    @Test
    void nestedArraysStartWithADash() {
        Object slots = List.of(List.of(0L, 5460L, List.of(bulk("127.0.0.1"), 7001L)),
                List.of(5461L, 16383L, List.of(bulk("127.0.0.2"), 7002L)));
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
                ReplyText.json(Arrays.asList(bulk("a"), 1L, null, List.of(bulk("b")))));
        assertEquals(null, ReplyText.json(new RespError("ERR x")));
    }
}
