package dev.trib.planner.rdb;

import java.util.ArrayList;
import java.util.List;

/**
 * The ziplist blob of RDB files before Redis 7 (read only, for payloads from older servers): u32 total bytes,
 * u32 tail offset, u16 count, entries, 0xFF. Each entry is the previous entry's length (1 byte, or 0xFE and
 * 4 bytes), an encoding (string lengths big-endian, integers little-endian), then the data.
 */
final class Ziplist {
    private static final int HEADER = 10;
    private static final int END = 0xff;

    private Ziplist() {
    }

    static List<byte[]> entries(byte[] zl) {
        if (zl.length < HEADER + 1 || Bytes.le(zl, 0, 4) != zl.length || (zl[zl.length - 1] & 0xff) != END) {
            throw new RdbFormatException("bad ziplist header");
        }
        List<byte[]> out = new ArrayList<>();
        int p = HEADER;
        while (p < zl.length && (zl[p] & 0xff) != END) {
            p += (zl[p] & 0xff) == 0xfe ? 5 : 1;
            int b = (int) Bytes.le(zl, p, 1);
            switch (b >> 6) {
                case 0 -> {                               // 00pppppp: string up to 63 bytes
                    out.add(Bytes.slice(zl, p + 1, b & 0x3f));
                    p += 1 + (b & 0x3f);
                }
                case 1 -> {                               // 01pppppp qqqqqqqq: 14-bit length
                    int len = ((b & 0x3f) << 8) | (int) Bytes.le(zl, p + 1, 1);
                    out.add(Bytes.slice(zl, p + 2, len));
                    p += 2 + len;
                }
                case 2 -> {                               // 10000000 + 32-bit big-endian length
                    if (b != 0x80) {
                        throw new RdbFormatException("bad ziplist string encoding " + b);
                    }
                    long len = Long.reverseBytes(Bytes.le(zl, p + 1, 4)) >>> 32;
                    out.add(Bytes.slice(zl, p + 5, len));
                    p += 5 + (int) len;
                }
                default -> {
                    int bytes = intBytes(b);
                    long v = bytes == 0 ? (b & 0x0f) - 1 : Bytes.signedLe(zl, p + 1, bytes);
                    out.add(Bytes.ascii(v));
                    p += 1 + bytes;
                }
            }
        }
        if (p != zl.length - 1) {
            throw new RdbFormatException("ziplist entries do not end at its terminator");
        }
        return out;
    }

    /** Data bytes of an integer encoding; 0 for the 4-bit immediates 0..12 (0xF1..0xFD). */
    private static int intBytes(int encoding) {
        return switch (encoding) {
            case 0xc0 -> 2;
            case 0xd0 -> 4;
            case 0xe0 -> 8;
            case 0xf0 -> 3;
            case 0xfe -> 1;
            default -> {
                if (encoding >= 0xf1 && encoding <= 0xfd) {
                    yield 0;
                }
                throw new RdbFormatException("bad ziplist entry encoding " + encoding);
            }
        };
    }
}
