package dev.trib.planner.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis's listpack blob: u32 total bytes, u16 entry count, entries, 0xFF. Each entry is an encoding byte (small
 * ints and short strings carry their value or length in it), the data, then a back-length of 1 to 5 bytes that
 * only matters for walking backwards, so here it is skipped by size.
 */
final class Listpack {
    private static final int HEADER = 6;
    private static final int END = 0xff;

    private Listpack() {
    }

    static List<byte[]> entries(byte[] lp) {
        if (lp.length < HEADER + 1 || Bytes.le(lp, 0, 4) != lp.length || (lp[lp.length - 1] & 0xff) != END) {
            throw new RdbFormatException("bad listpack header");
        }
        List<byte[]> out = new ArrayList<>();
        int p = HEADER;
        while (p < lp.length && (lp[p] & 0xff) != END) {
            int b = lp[p] & 0xff;
            int start = p;
            if ((b & 0x80) == 0) {                       // 0xxxxxxx: 7-bit unsigned int
                out.add(Bytes.ascii(b));
                p += 1;
            } else if ((b & 0xc0) == 0x80) {             // 10xxxxxx: string up to 63 bytes
                out.add(Bytes.slice(lp, p + 1, b & 0x3f));
                p += 1 + (b & 0x3f);
            } else if ((b & 0xe0) == 0xc0) {             // 110xxxxx yyyyyyyy: 13-bit signed int
                int v = ((b & 0x1f) << 8) | (int) Bytes.le(lp, p + 1, 1);
                out.add(Bytes.ascii((v << 19) >> 19));
                p += 2;
            } else if ((b & 0xf0) == 0xe0) {             // 1110xxxx yyyyyyyy: string up to 4095 bytes
                int len = ((b & 0x0f) << 8) | (int) Bytes.le(lp, p + 1, 1);
                out.add(Bytes.slice(lp, p + 2, len));
                p += 2 + len;
            } else if (b == 0xf0) {                      // 32-bit length string
                long len = Bytes.le(lp, p + 1, 4);
                out.add(Bytes.slice(lp, p + 5, len));
                p += 5 + (int) len;
            } else if (b >= 0xf1 && b <= 0xf4) {         // 16, 24, 32 and 64-bit signed ints
                int bytes = b == 0xf4 ? 8 : b - 0xef;
                out.add(Bytes.ascii(Bytes.signedLe(lp, p + 1, bytes)));
                p += 1 + bytes;
            } else {
                throw new RdbFormatException("bad listpack entry encoding " + b);
            }
            p += backLengthSize(p - start);
        }
        if (p != lp.length - 1) {
            throw new RdbFormatException("listpack entries do not end at its terminator");
        }
        return out;
    }

    /** Bytes of the back-length field: 7 bits of the entry length per byte. */
    private static int backLengthSize(int entryLength) {
        if (entryLength <= 127) {
            return 1;
        } else if (entryLength < 16383) {
            return 2;
        } else if (entryLength < 2097151) {
            return 3;
        } else if (entryLength < 268435455) {
            return 4;
        }
        return 5;
    }
}
