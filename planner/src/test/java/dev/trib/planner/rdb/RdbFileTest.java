package dev.trib.planner.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RDB file reader on literal byte fixtures: Redis 7.0 (version 10), 7.2 (11: set listpack) and 7.4 (12: slot
 * info, hashes with field expiries), and the one-line refusals for what it does not decode.
 */
class RdbFileTest {
    private static final HexFormat HEX = HexFormat.of();

    /** "REDIS" + version, the body, EOF, and the CRC-64 of all that. */
    private static byte[] file(int version, String bodyHex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(String.format("REDIS%04d", version).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(HEX.parseHex(bodyHex));
        out.write(0xff);
        byte[] head = out.toByteArray();
        long crc = Crc64.of(head, 0, head.length);
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)));
        }
        return out.toByteArray();
    }

    private record Entry(String key, RdbValue value, long expireAt) {
    }

    private static List<Entry> read(byte[] file) {
        List<Entry> out = new ArrayList<>();
        RdbFile.scan(file, (k, v, at) -> out.add(new Entry(new String(k, StandardCharsets.UTF_8), v, at)));
        return out;
    }

    private static List<String> text(List<byte[]> items) {
        return items.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void version10StringWithExpiryAndAuxFields() {
        // AUX "k"="v"; SELECTDB 0; RESIZEDB 1 1; EXPIRETIME_MS 1000; string "a" = "hello"
        byte[] f = file(10, "fa016b0176" + "fe00" + "fb0101" + "fce803000000000000" + "000161" + "0568656c6c6f");
        Map<String, String> aux = RdbFile.scan(f, (k, v, at) -> { });
        assertEquals(Map.of("k", "v"), aux);
        List<Entry> e = read(f);
        assertEquals(1, e.size());
        assertEquals("a", e.get(0).key());
        assertEquals(1000, e.get(0).expireAt());
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII),
                ((RdbValue.StringObject) e.get(0).value()).bytes());
        assertEquals("string", e.get(0).value().typeName());
    }

    @Test
    void version11SetListpack() {
        // type 20, key "s", listpack of 15 bytes: "a", "b", 7
        byte[] f = file(11, "fe00" + "14" + "0173" + "0f" + "0f000000" + "0300" + "816102" + "816202" + "0701" + "ff");
        List<Entry> e = read(f);
        RdbValue.SetObject set = (RdbValue.SetObject) e.get(0).value();
        assertEquals(List.of("a", "b", "7"), text(set.members()));
        assertEquals(RdbFile.NO_EXPIRE, e.get(0).expireAt());
        assertEquals("set", set.typeName());
    }

    @Test
    void version12SlotInfoAndHashListpackWithFieldExpiries() {
        String listpack = "23000000" + "0400"          // 35 bytes, 6 entries
                + "82663103" + "82763103" + "0001"     // f1 v1 0 (no expiry)
                + "82663203" + "82763203"              // f2 v2
                + "f4" + "0068e5cf8b010000" + "09"     // 1700000000000 as a 64-bit integer
                + "ff";
        byte[] f = file(12, "fe00" + "f40f0100"        // SLOT_INFO: slot 15, 1 key, 0 volatile
                + "19" + "0168" + "0068e5cf8b010000" + "23" + listpack);
        List<Entry> e = read(f);
        RdbValue.HashObject h = (RdbValue.HashObject) e.get(0).value();
        assertEquals("h", e.get(0).key());
        assertEquals(List.of("f1", "v1", "f2", "v2"), text(h.fields()));
        assertArrayEquals(new long[] {RdbFile.NO_EXPIRE, 1_700_000_000_000L}, h.fieldExpireAt());
        assertTrue(h.hasFieldExpiries());
    }

    @Test
    void version12HashMetadataExpiriesAreRelativeToTheMinimum() {
        // type 24, key "m", min 1000, 2 fields: (ttl 0) a=1, (ttl 5 -> 1000 + 5 - 1) b=2
        byte[] f = file(12, "fe00" + "18" + "016d" + "e803000000000000" + "02" + "00" + "0161" + "0131"
                + "05" + "0162" + "0132");
        RdbValue.HashObject h = (RdbValue.HashObject) read(f).get(0).value();
        assertEquals(List.of("a", "1", "b", "2"), text(h.fields()));
        assertArrayEquals(new long[] {RdbFile.NO_EXPIRE, 1004}, h.fieldExpireAt());
    }

    @Test
    void plainHashHasNoFieldExpiries() {
        byte[] f = file(10, "fe00" + "04" + "0168" + "01" + "0161" + "0131");
        RdbValue.HashObject h = (RdbValue.HashObject) read(f).get(0).value();
        assertNull(h.fieldExpireAt());
        assertFalse(h.hasFieldExpiries());
    }

    @Test
    void listpackScoresStayTextForTheLoaderToParse() {
        // type 17, key "z", listpack: "m" 2 (integer)  — 6 + 3 + 2 + 1 = 12 bytes
        byte[] f = file(10, "fe00" + "11" + "017a" + "0c" + "0c000000" + "0200" + "816d02" + "0201" + "ff");
        RdbValue.SortedSetObject z = (RdbValue.SortedSetObject) read(f).get(0).value();
        assertEquals(List.of("m"), text(z.members()));
        assertArrayEquals("2".getBytes(StandardCharsets.US_ASCII), z.scores().get(0).text());
    }

    @Test
    void aStreamIsRefusedInOneLineNamingTypeAndVersion() {
        byte[] f = file(11, "fe00" + "15" + "0178" + "00");
        RdbFormatException e = assertThrows(RdbFormatException.class, () -> read(f));
        assertEquals("RDB object type 21 (stream) in an RDB version 11 file is not supported", e.getMessage());
    }

    @Test
    void anUnknownTypeIsRefusedRatherThanMisread() {
        byte[] f = file(12, "fe00" + "1e" + "0178" + "00");
        RdbFormatException e = assertThrows(RdbFormatException.class, () -> read(f));
        assertEquals("RDB object type 30 (unknown type) in an RDB version 12 file is not supported", e.getMessage());
    }

    @Test
    void newerVersionsWrongChecksumsAndOtherFilesAreRefused() {
        assertEquals("can't handle RDB format version 13",
                assertThrows(RdbFormatException.class, () -> read(file(13, "fe00"))).getMessage());
        byte[] bad = file(10, "fe00" + "000161" + "0162");
        bad[bad.length - 1] ^= 1;
        assertEquals("wrong RDB checksum", assertThrows(RdbFormatException.class, () -> read(bad)).getMessage());
        assertEquals("not an RDB file (wrong signature)", assertThrows(RdbFormatException.class,
                () -> read("+FULLRESYNC".getBytes(StandardCharsets.US_ASCII))).getMessage());
        assertEquals("keys in database 1 (cluster mode has only 0)",
                assertThrows(RdbFormatException.class, () -> read(file(10, "fe01" + "000161" + "0162"))).getMessage());
    }

    @Test
    void aTruncatedListpackIsAFormatErrorNotAWrongResult() {
        // set listpack whose declared size (16) disagrees with its 15 bytes
        byte[] f = file(11, "fe00" + "14" + "0173" + "0f" + "10000000" + "0300" + "816102" + "816202" + "0701" + "ff");
        assertThrows(RdbFormatException.class, () -> read(f));
    }
}
