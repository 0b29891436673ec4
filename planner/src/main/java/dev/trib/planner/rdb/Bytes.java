package dev.trib.planner.rdb;

import java.nio.charset.StandardCharsets;

/** Byte helpers shared by the RDB readers; out-of-range reads surface as {@link RdbFormatException}. */
public final class Bytes {
    private Bytes() {
    }

    /** Unsigned little-endian integer of 1 to 8 bytes. */
    public static long le(byte[] b, int at, int bytes) {
        check(b, at, bytes);
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    /** Signed little-endian integer of 1 to 8 bytes. */
    /** A big-endian integer of 1 to 8 bytes (stream IDs). */
    static long be(byte[] b, int at, int bytes) {
        check(b, at, bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    static long signedLe(byte[] b, int at, int bytes) {
        int shift = 64 - 8 * bytes;
        return (le(b, at, bytes) << shift) >> shift;
    }

    static byte[] slice(byte[] b, int from, long len) {
        check(b, from, len);
        byte[] out = new byte[(int) len];
        System.arraycopy(b, from, out, 0, (int) len);
        return out;
    }

    /** Integer members come back as the canonical text Redis replies with. */
    static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    private static void check(byte[] b, int from, long len) {
        if (from < 0 || len < 0 || from + len > b.length) {
            throw new RdbFormatException("entry runs past the end of its container");
        }
    }
}
