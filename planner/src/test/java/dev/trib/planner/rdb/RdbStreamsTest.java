package dev.trib.planner.rdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stream as redis-server 7.0.15 DUMPs it (RDB type 19), decoded: its node, counters, consumer groups, PEL and
 * consumers. The payload was made with XADD s 1-1 name alice n 7, XADD s 1-2 name bob n 8, XADD s 2-0 other x,
 * XDEL s 1-2, XGROUP CREATE s g 0, XGROUP CREATE s g2 $ ENTRIESREAD 3, XREADGROUP GROUP g c1 COUNT 1 STREAMS s >,
 * XCLAIM s g c2 0 1-1 TIME 1700000000000 RETRYCOUNT 3, XGROUP CREATECONSUMER s g c3 (footer removed).
 */
class RdbStreamsTest {
    private static final String DUMP = "1301100000000000000001000000000000000140"
            + "4d4d0000001900020101010201846e616d6505816e02000102010001000185616c69636506070105010301000101"
            + "0183626f62040801050100010101dfff020101856f74686572068178020601ff0202000101010203020167010181"
            + "ffffffffffffffff01000000000000000100000000000000010068e5cf8b01000003030263314e540d4aa2010000"
            + "00026332d8540d4aa201000001000000000000000100000000000000010263330e550d4aa2010000000267320200030000";

    private static RdbValue.StreamObject decode(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        RdbInput in = new RdbInput(b, 0, b.length);
        return (RdbValue.StreamObject) RdbObjects.read(in.u8(), in, 10);
    }

    private static RdbValue.StreamObject.Id id(long ms, long seq) {
        return new RdbValue.StreamObject.Id(ms, seq);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aRedisServerStreamDecodes() {
        RdbValue.StreamObject s = decode(DUMP);
        assertEquals("stream", s.typeName());
        assertEquals(1, s.nodes().size());
        assertArrayEquals(HexFormat.of().parseHex("00000000000000010000000000000001"), s.nodes().get(0).masterKey());
        List<String> elements = s.nodes().get(0).elements().stream()
                .map(e -> new String(e, StandardCharsets.US_ASCII)).toList();
        // master entry: 2 live, 1 deleted, 2 fields; then each entry: flags, ms and seq deltas, values, lp-count
        assertEquals(List.of("2", "1", "2", "name", "n", "0",
                "2", "0", "0", "alice", "7", "5",
                "3", "0", "1", "bob", "8", "5",
                "0", "1", "-1", "1", "other", "x", "6"), elements);
        assertEquals(2, s.length());
        assertEquals(id(2, 0), s.lastId());
        assertEquals(id(1, 1), s.firstId());
        assertEquals(id(1, 2), s.maxDeletedId());
        assertEquals(3, s.entriesAdded());
        assertEquals(2, s.groups().size());
        RdbValue.StreamObject.Group g = s.groups().get(0);
        assertArrayEquals(text("g"), g.name());
        assertEquals(id(1, 1), g.lastId());
        assertEquals(-1, g.entriesRead()); // unknown: stored as 2^64-1
        assertEquals(List.of(new RdbValue.StreamObject.Pending(id(1, 1), 1_700_000_000_000L, 3)), g.pending());
        assertEquals(List.of("c1", "c2", "c3"), g.consumers().stream()
                .map(c -> new String(c.name(), StandardCharsets.US_ASCII)).toList());
        assertEquals(List.of(), g.consumers().get(0).pending());
        assertEquals(List.of(id(1, 1)), g.consumers().get(1).pending());
        RdbValue.StreamObject.Group g2 = s.groups().get(1);
        assertEquals(id(2, 0), g2.lastId());
        assertEquals(3, g2.entriesRead());
    }

    @Test
    void aNodeKeyThatIsNotAnIdIsRefused() {
        // the 16-byte key's length byte made 15
        RdbFormatException e = assertThrows(RdbFormatException.class, () -> decode("13010f" + DUMP.substring(6)));
        assertEquals("Stream node key entry is not the size of a stream ID", e.getMessage());
    }
}
