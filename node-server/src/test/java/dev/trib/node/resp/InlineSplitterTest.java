package dev.trib.node.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InlineSplitterTest {
    private static List<String> split(String line) {
        List<byte[]> args = InlineSplitter.split(line.getBytes(StandardCharsets.ISO_8859_1));
        return args == null ? null
                : args.stream().map(a -> new String(a, StandardCharsets.ISO_8859_1)).collect(Collectors.toList());
    }

    @Test
    void splitsOnBlanks() {
        assertEquals(List.of("SET", "k", "v"), split("  SET\tk   v  "));
        assertEquals(List.of(), split("   "));
    }

    @Test
    void understandsQuotesAndEscapes() {
        assertEquals(List.of("a b", "c'd", "\u00ff\n\t"), split("\"a b\" 'c\\'d' \"\\xff\\n\\t\""));
        assertEquals(List.of("\\x4", "q"), split("\"\\\\x4\" \"\\q\""));
        assertEquals(List.of("ab"), split("a\"b\""), "a quote inside a word opens a quoted part");
    }

    @Test
    void rejectsUnbalancedOrGluedQuotes() {
        assertNull(split("\"abc"));
        assertNull(split("'abc"));
        assertNull(split("\"a\"b"));
    }
}
