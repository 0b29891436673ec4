package dev.trib.planner.topology;

import java.nio.charset.StandardCharsets;

/**
 * The hash slot of a key, as Redis Cluster computes it: CRC16-XMODEM (polynomial 0x1021, initial value 0) of the key
 * or of its hash tag, modulo 16384. The hash tag rule works on bytes: the bytes between the first {@code '{'} and the
 * first {@code '}'} after it, unless that span is empty ({@code "{}"}), in which case the whole key is hashed.
 */
public final class KeySlot {
    private static final int[] CRC16_TABLE = crc16Table();

    private KeySlot() {
    }

    public static int of(String key) {
        return of(key.getBytes(StandardCharsets.UTF_8));
    }

    public static int of(byte[] key) {
        int open = indexOf(key, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(key, (byte) '}', open + 1);
            if (close > open + 1) {
                return crc16(key, open + 1, close) & (KeySlots.COUNT - 1);
            }
        }
        return crc16(key, 0, key.length) & (KeySlots.COUNT - 1);
    }

    /** CRC16-XMODEM of {@code data[from, to)}; the check value of {@code "123456789"} is 0x31C3. */
    public static int crc16(byte[] data, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ CRC16_TABLE[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int[] crc16Table() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            table[b] = crc & 0xFFFF;
        }
        return table;
    }
}
