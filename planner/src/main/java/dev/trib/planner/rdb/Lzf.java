package dev.trib.planner.rdb;

/**
 * LZF decompression, for strings in RDB files and DUMP payloads (node-server's LzfCompressor writes them). The stream is a sequence of
 * <ul>
 *   <li>literal runs: control byte {@code 000LLLLL}, then L+1 bytes copied as they are;</li>
 *   <li>back references: control byte {@code LLLooooo} (L = 1..6, or 7 followed by a byte adding to it), then a
 *       byte with the low 8 bits of the offset; L+2 bytes are copied from (output position - offset - 1).</li>
 * </ul>
 */
public final class Lzf {
    /** Longest back reference (7 + 255 + 2), farthest offset (13 bits), longest literal run. */
    public static final int MAX_MATCH = 264;
    public static final int MAX_OFFSET = 1 << 13;
    public static final int MAX_LITERAL = 32;
    /** A 3-byte back reference yields at most 264 bytes: no valid stream expands by more than this. */
    public static final int MAX_RATIO = MAX_MATCH / 3;

    private Lzf() {
    }

    /**
     * @param expected the uncompressed length the payload declares; callers bound it (see {@link #MAX_RATIO})
     * @throws RdbFormatException when the input does not decode to exactly {@code expected} bytes
     */
    public static byte[] decompress(byte[] in, int expected) {
        byte[] out = new byte[expected];
        int ip = 0;
        int op = 0;
        try {
            while (ip < in.length) {
                int ctrl = in[ip++] & 0xff;
                if (ctrl < 32) {
                    int run = ctrl + 1;
                    System.arraycopy(in, ip, out, op, run);
                    ip += run;
                    op += run;
                } else {
                    int len = ctrl >> 5;
                    if (len == 7) {
                        len += in[ip++] & 0xff;
                    }
                    int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                    if (ref < 0) {
                        throw new RdbFormatException("LZF back reference before the start");
                    }
                    // Byte by byte on purpose: a reference may overlap the bytes it produces (runs).
                    for (int k = 0; k < len + 2; k++) {
                        out[op++] = out[ref++];
                    }
                }
            }
        } catch (IndexOutOfBoundsException e) {
            throw new RdbFormatException("LZF data does not fit its declared length");
        }
        if (op != expected) {
            throw new RdbFormatException("LZF data shorter than its declared length");
        }
        return out;
    }
}
