package dev.trib.node.rdb;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.keyspace.ZSetValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

class DumpPayloadTest {
    @Test
    void roundTripsAStringAndAList() {
        byte[] s = DumpPayload.dump(new StringValue("hello".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), ((StringValue) DumpPayload.restore(s)).bytes());
        ListValue l = new ListValue();
        for (int i = 0; i < 1000; i++) {
            l.addLast(("e" + i).getBytes(StandardCharsets.UTF_8));
        }
        ListValue back = (ListValue) DumpPayload.restore(DumpPayload.dump(l));
        assertEquals(1000, back.size());
        assertArrayEquals("e999".getBytes(StandardCharsets.UTF_8), back.get(999));
        ZSetValue z = ZSetValue.forFirstMember(1);
        z.add(Key.of("a"), 1.5);
        z.add(Key.of("b"), Double.NEGATIVE_INFINITY);
        ZSetValue zb = (ZSetValue) DumpPayload.restore(DumpPayload.dump(z));
        assertEquals(1.5, zb.score(Key.of("a")));
        assertEquals(Double.NEGATIVE_INFINITY, zb.score(Key.of("b")));
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
        assertThrows(DumpPayload.ChecksumException.class, () -> DumpPayload.restore(new byte[3]));
    }

    /** Re-sealed with a valid footer, so the body itself is what is judged. */
    private static byte[] seal(byte[] object) {
        byte[] out = Arrays.copyOf(object, object.length + 10);
        out[object.length] = 10;
        long crc = Crc64.of(out, 0, object.length + 2);
        for (int i = 0; i < 8; i++) {
            out[object.length + 2 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }

    @Test
    void malformedBodiesAreBadFormatNeverACrashOrAHugeAllocation() {
        // A string declaring 4 GB, a list declaring 2^62 elements, an unknown type, truncated listpacks.
        byte[][] bad = {
            {0, (byte) 0x80, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'x'},
            {1, (byte) 0x81, 0x40, 0, 0, 0, 0, 0, 0, 0},
            {99, 0},
            {16, 9, 9, 0, 0, 0, 1, 0, (byte) 0x81, 'a', 1},
            {18, 1, 2, 3, 1, 2},
            {0, (byte) 0xc3, 5, 100, 1, 2},
        };
        for (byte[] b : bad) {
            assertThrows(RdbFormatException.class, () -> DumpPayload.restore(seal(b)), Arrays.toString(b));
        }
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[1 + random.nextInt(40)];
            random.nextBytes(junk);
            junk[0] = (byte) random.nextInt(20);
            try {
                RedisValue v = DumpPayload.restore(seal(junk));
                if (v == null) {
                    fail("null value");
                }
            } catch (RdbFormatException expected) {
                // refused cleanly
            } catch (RuntimeException e) {
                fail("payload " + Arrays.toString(junk) + " threw " + e);
            }
        }
    }
}
