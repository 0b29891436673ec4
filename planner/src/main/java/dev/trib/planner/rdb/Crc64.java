package dev.trib.planner.rdb;

/**
 * The CRC-64 Redis puts at the end of DUMP payloads and RDB files: the Jones polynomial 0xad93d23594c935a9,
 * reflected input and output, initial value 0, no final xor ("123456789" gives 0xe9c6d914c4b8d9ca).
 */
public final class Crc64 {
    private static final long REFLECTED_POLY = 0x95ac9329ac4bc9b5L;
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc64() {
    }

    public static long of(byte[] data, int offset, int length) {
        return update(0, data, offset, length);
    }

    public static long update(long crc, byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            crc = TABLE[(int) ((crc ^ data[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }
}
