package dev.trib.node.rdb;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.support.MutableClock;
import dev.trib.planner.rdb.Crc64;
import dev.trib.planner.rdb.RdbFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading files of Redis 7.2 and 7.4 (RDB 11, 12) into the node's keyspace, from literal bytes. */
class RdbSnapshotVersionsTest {
    private final Keyspace keyspace = new Keyspace(new MutableClock(1_000_000));

    private static byte[] file(int version, String bodyHex) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(String.format("REDIS%04d", version).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(HexFormat.of().parseHex(bodyHex));
        out.write(0xff);
        byte[] head = out.toByteArray();
        long crc = Crc64.of(head, 0, head.length);
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)));
        }
        return out.toByteArray();
    }

    @Test
    void aSetListpackOfRedis72Loads() {
        RdbSnapshot.Loaded loaded = RdbSnapshot.load(file(11, "fe00" + "14" + "0173" + "0f" + "0f000000" + "0300"
                + "816102" + "816202" + "0701" + "ff"), keyspace);
        assertEquals(1, loaded.keys());
        SetValue s = keyspace.get(Key.of("s"), SetValue.class);
        assertEquals(3, s.size());
        assertTrue(s.contains("7".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aSetListpackWithADuplicateIsRefused() {
        byte[] f = file(11, "fe00" + "14" + "0173" + "0d" + "0d000000" + "0200" + "816102" + "816102" + "ff");
        assertEquals("duplicate set member",
                assertThrows(RdbFormatException.class, () -> RdbSnapshot.load(f, keyspace)).getMessage());
    }

    @Test
    void aHashWithFieldExpiriesIsRefusedNotLoadedWithoutThem() {
        byte[] f = file(12, "fe00" + "18" + "016d" + "e803000000000000" + "01" + "05" + "0162" + "0132");
        assertEquals("a hash with field expiries (Redis 7.4 HEXPIRE) cannot be loaded",
                assertThrows(RdbFormatException.class, () -> RdbSnapshot.load(f, keyspace)).getMessage());
    }
}
