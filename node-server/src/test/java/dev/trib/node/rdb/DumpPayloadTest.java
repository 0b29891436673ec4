package dev.trib.node.rdb;

import dev.trib.planner.rdb.Crc64;
import dev.trib.planner.rdb.RdbFormatException;

import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.keyspace.ZSetValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

class DumpPayloadTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static RedisValue hex(String payload) {
        return DumpPayload.restore(HexFormat.of().parseHex(payload));
    }

    /** The object re-sealed with a valid footer, so the body itself is what is judged. */
    private static byte[] seal(byte[] object) {
        byte[] out = Arrays.copyOf(object, object.length + 10);
        out[object.length] = 10;
        long crc = Crc64.of(out, 0, object.length + 2);
        for (int i = 0; i < 8; i++) {
            out[object.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    private static List<String> list(RedisValue v) {
        return ((ListValue) v).toList().stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    private static TreeSet<String> set(RedisValue v) {
        TreeSet<String> out = new TreeSet<>();
        ((SetValue) v).forEach(m -> out.add(new String(m, StandardCharsets.ISO_8859_1)));
        return out;
    }

    private static TreeMap<String, String> hash(RedisValue v) {
        TreeMap<String, String> out = new TreeMap<>();
        ((HashValue) v).forEach((f, x) -> out.put(new String(f.bytes(), StandardCharsets.ISO_8859_1),
                new String(x, StandardCharsets.ISO_8859_1)));
        return out;
    }

    private static String zset(RedisValue v) {
        StringBuilder sb = new StringBuilder();
        for (ScoreTree.Node n = ((ZSetValue) v).first(); n != null; n = n.next()) {
            sb.append(new String(n.memberBytes(), StandardCharsets.ISO_8859_1)).append('=').append(n.score())
                    .append(' ');
        }
        return sb.toString().trim();
    }

    @Test
    void readsPayloadsCapturedFromRedisServer7() {
        // RPUSH l a 5 -4000 30000 -8000000 2000000000 -9000000000000: a listpack with every integer width.
        assertEquals(List.of("a", "5", "-4000", "30000", "-8000000", "2000000000", "-9000000000000"), list(hex(
                "120102282800000007008161020501d06002f1307503f200ee8504f30094357705f400703286d0f7ffff09ff0a00"
                        + "2bf994146a6a36e5")));
        // SADD s 1 -2 70000: a 32-bit intset.
        assertEquals(new TreeSet<>(List.of("-2", "1", "70000")),
                set(hex("0b140400000003000000feffffff01000000701101000a0030527df8cc311f3b")));
        // HSET h f v n 12: a listpack hash.
        assertEquals(new TreeMap<>(Map.of("f", "v", "n", "12")),
                hash(hex("1012120000000400816602817602816e020c01ff0a0001369481d35b8974")));
        // ZADD z 1.5 a -2 b inf c: a listpack sorted set, scores as text and as integers.
        assertEquals("b=-2.0 a=1.5 c=Infinity",
                zset(hex("111d1d0000000600816202dffe0281610283312e350481630283696e6604ff0a007356ad6cc2484ad0")));
        // SET lz abab...ab (60 bytes): an LZF string.
        assertArrayEquals(bytes("ab".repeat(30)),
                ((StringValue) hex("00c30a3c02616261e02e010161620a00bb16d3ebae6fc574")).bytes());
    }

    @Test
    void writesStringsAsRedisServerDoes() {
        // Byte for byte what redis-server 7.0.15 answers to DUMP for these values.
        assertEquals("00036162630a00d9ac303d4172a2e2",
                HexFormat.of().formatHex(DumpPayload.dump(new StringValue(bytes("abc")))));
        assertEquals("00c27929edff0a00569667057153cd9b",
                HexFormat.of().formatHex(DumpPayload.dump(new StringValue(bytes("-1234567")))));
        assertEquals("00c2ffffff7f0a002c74e59ee02eada1",
                HexFormat.of().formatHex(DumpPayload.dump(new StringValue(bytes("2147483647")))));
        for (String notInt : List.of("2147483648", "007", "-0", "+1", "12345678901")) {
            byte[] p = DumpPayload.dump(new StringValue(bytes(notInt)));
            assertEquals(notInt.length(), p[1], notInt + " stays text");
        }
    }

    @Test
    void everyTypeRoundTrips() {
        Random random = new Random(3);
        List<RedisValue> values = new ArrayList<>();
        values.add(new StringValue(bytes("")));
        values.add(new StringValue(bytes("compressible ".repeat(50))));
        values.add(new StringValue(bytes("-128")));
        byte[] noise = new byte[5000];
        random.nextBytes(noise);
        values.add(new StringValue(noise));
        ListValue l = new ListValue();
        for (int i = 0; i < 1000; i++) {
            l.addLast(bytes(i % 2 == 0 ? Integer.toString(i * 77_777) : "e" + i));
        }
        values.add(l);
        SetValue ints = SetValue.forFirstMember(bytes("1"));
        SetValue strings = SetValue.forFirstMember(bytes("a"));
        for (int i = 0; i < 700; i++) {
            ints.add(bytes(Long.toString(i * 1_000_000_007L)));
            strings.add(bytes("m" + i));
        }
        values.add(ints);
        values.add(strings);
        HashValue h = new HashValue();
        for (int i = 0; i < 300; i++) {
            h.put(Key.of("f" + i), bytes(i % 3 == 0 ? "x".repeat(100) : Integer.toString(i)));
        }
        values.add(h);
        ZSetValue z = ZSetValue.forFirstMember(1);
        z.add(Key.of("a"), 1.5);
        z.add(Key.of("b"), Double.NEGATIVE_INFINITY);
        z.add(Key.of("c"), -0.0);
        z.add(Key.of("d"), 1e300);
        values.add(z);
        for (RedisValue v : values) {
            RedisValue back = DumpPayload.restore(DumpPayload.dump(v));
            if (v instanceof StringValue s) {
                assertArrayEquals(s.bytes(), ((StringValue) back).bytes());
            }
        }
        assertEquals(list(l), list(DumpPayload.restore(DumpPayload.dump(l))));
        assertEquals(set(ints), set(DumpPayload.restore(DumpPayload.dump(ints))));
        assertEquals(set(strings), set(DumpPayload.restore(DumpPayload.dump(strings))));
        assertEquals(hash(h), hash(DumpPayload.restore(DumpPayload.dump(h))));
        assertEquals(zset(z), zset(DumpPayload.restore(DumpPayload.dump(z))));
    }

    @Test
    void aWrongChecksumOrNewerVersionIsRefused() {
        byte[] s = DumpPayload.dump(new StringValue(new byte[] {1, 2, 3}));
        byte[] crc = s.clone();
        crc[crc.length - 1] ^= 1;
        assertThrows(DumpPayload.ChecksumException.class, () -> DumpPayload.restore(crc));
        byte[] version = s.clone();
        version[version.length - 10] = 11;
        assertThrows(DumpPayload.ChecksumException.class, () -> DumpPayload.restore(version));
        assertThrows(DumpPayload.ChecksumException.class, () -> DumpPayload.restore(new byte[9]));
        // As redis-server: a footer alone passes the checksum and then fails as data; older versions load.
        assertThrows(RdbFormatException.class, () -> DumpPayload.restore(seal(new byte[0])));
        byte[] v9 = seal(new byte[] {0, 1, 'x'});
        v9[3] = 9;
        long c = Crc64.of(v9, 0, 5);
        for (int i = 0; i < 8; i++) {
            v9[5 + i] = (byte) (c >>> (8 * i));
        }
        assertArrayEquals(bytes("x"), ((StringValue) DumpPayload.restore(v9)).bytes());
    }

    @Test
    void judgesBodiesAsRedisServerDoes() {
        // Accepted by redis-server 7.0.15: bytes after the object are ignored.
        assertArrayEquals(bytes("abc"), ((StringValue) DumpPayload.restore(seal(bytes("\0\3abcX")))).bytes());
        // Refused by it: duplicate set or sorted set members, empty collections, unknown quicklist containers.
        byte[][] refused = {
            bytes("\2\2\1a\1a"),
            bytes("\5\2\1a\0\0\0\0\0\0\360\77\1a\0\0\0\0\0\0\0\100"),
            bytes("\1\0"),
            bytes("\22\1\3\1a"),
        };
        for (byte[] b : refused) {
            assertThrows(RdbFormatException.class, () -> DumpPayload.restore(seal(b)), Arrays.toString(b));
        }
        assertEquals(List.of("a"), list(DumpPayload.restore(seal(bytes("\22\1\1\1a")))), "a plain node");
    }

    @Test
    void malformedBodiesAreBadFormatNeverACrashOrAHugeAllocation() {
        // A string declaring 4 GB, a list declaring 2^62 elements, an unknown type, a truncated listpack,
        // a quicklist short of its nodes, and LZF strings whose declared lengths cannot be real.
        byte[][] bad = {
            {0, (byte) 0x80, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'x'},
            {1, (byte) 0x81, 0x40, 0, 0, 0, 0, 0, 0, 0},
            {99, 0},
            {16, 9, 9, 0, 0, 0, 1, 0, (byte) 0x81, 'a', 1},
            {18, 1, 2, 3, 1, 2},
            {0, (byte) 0xc3, 5, 100, 1, 2},
            {0, (byte) 0xc3, 2, (byte) 0x80, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xe0, (byte) 0xff},
        };
        for (byte[] b : bad) {
            assertThrows(RdbFormatException.class, () -> DumpPayload.restore(seal(b)), Arrays.toString(b));
        }
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[1 + random.nextInt(40)];
            random.nextBytes(junk);
            junk[0] = (byte) random.nextInt(20);
            restoreOrRefuse(seal(junk));
        }
    }

    /** Every prefix of a valid object, and every single-byte corruption of it, is refused or read cleanly. */
    @Test
    void truncatedAndCorruptedPayloadsNeverEscapeAsOtherExceptions() {
        List<String> fixtures = List.of(
                "120102282800000007008161020501d06002f1307503f200ee8504f30094357705f400703286d0f7ffff09ff",
                "0b140400000003000000feffffff01000000701101",
                "1012120000000400816602817602816e020c01ff",
                "111d1d0000000600816202dffe0281610283312e350481630283696e6604ff",
                "00c30a3c02616261e02e01016162");
        List<byte[]> objects = new ArrayList<>();
        fixtures.forEach(f -> objects.add(HexFormat.of().parseHex(f)));
        ListValue l = new ListValue();
        l.addLast(bytes("x".repeat(300)));
        l.addLast(bytes("7"));
        objects.add(RdbValueWriter.write(l));
        ZSetValue z = ZSetValue.forFirstMember(1);
        z.add(Key.of("m"), 2.0);
        objects.add(RdbValueWriter.write(z));
        Random random = new Random(2);
        for (byte[] object : objects) {
            restoreOrRefuse(seal(object));
            for (int cut = 0; cut < object.length; cut++) {
                byte[] prefix = Arrays.copyOf(object, cut);
                assertThrows(RdbFormatException.class, () -> DumpPayload.restore(seal(prefix)),
                        "prefix of " + cut + " bytes");
            }
            for (int i = 0; i < 2000; i++) {
                byte[] corrupt = object.clone();
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
                restoreOrRefuse(seal(corrupt));
            }
        }
    }

    private static void restoreOrRefuse(byte[] payload) {
        try {
            if (DumpPayload.restore(payload) == null) {
                fail("null value");
            }
        } catch (RdbFormatException expected) {
            // refused cleanly
        } catch (RuntimeException | OutOfMemoryError e) {
            fail("payload " + HexFormat.of().formatHex(payload) + " threw " + e);
        }
    }
}
