package dev.trib.node.rdb;

import java.nio.charset.StandardCharsets;

/**
 * Reads RDB primitives from a byte array: lengths, strings (plain, integer-encoded, LZF-compressed) and scores.
 * No length read from the input allocates more than the bytes that are left.
 */
public final class RdbInput {
    private final byte[] data;
    private final int end;
    private int pos;

    public RdbInput(byte[] data, int from, int end) {
        this.data = data;
        this.pos = from;
        this.end = end;
    }

    public boolean atEnd() {
        return pos == end;
    }

    public int u8() {
        need(1);
        return data[pos++] & 0xff;
    }

    /** An RDB length; the special string encodings are refused here. */
    public long length() {
        int b = u8();
        return switch (b >> 6) {
            case 0 -> b & 0x3f;
            case 1 -> ((b & 0x3f) << 8) | u8();
            case 2 -> {
                if (b == 0x80) {
                    yield bigEndian(4);
                } else if (b == 0x81) {
                    yield bigEndian(8);
                }
                throw new RdbFormatException("bad length encoding " + b);
            }
            default -> throw new RdbFormatException("string encoding where a length was expected");
        };
    }

    private long bigEndian(int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | u8();
        }
        if (v < 0) {
            throw new RdbFormatException("negative length");
        }
        return v;
    }

    public byte[] string() {
        int b = data.length > pos ? data[pos] & 0xff : -1;
        if (b >= 0 && (b >> 6) == 3) {
            pos++;
            return switch (b & 0x3f) {
                case 0 -> ascii((byte) u8());
                case 1 -> ascii((short) little(2));
                case 2 -> ascii((int) little(4));
                case 3 -> {
                    long compressed = length();
                    long plain = length();
                    if (plain > 512L * 1024 * 1024 || compressed > end - pos) {
                        throw new RdbFormatException("LZF lengths out of range");
                    }
                    yield Lzf.decompress(bytes((int) compressed), (int) plain);
                }
                default -> throw new RdbFormatException("bad string encoding " + b);
            };
        }
        long len = length();
        if (len > end - pos) {
            throw new RdbFormatException("string longer than the payload");
        }
        return bytes((int) len);
    }

    /** Score of RDB_TYPE_ZSET_2: an 8-byte little-endian IEEE 754 double. */
    public double binaryDouble() {
        return Double.longBitsToDouble(little(8));
    }

    /** Score of the old RDB_TYPE_ZSET: a length byte then the text (253 nan, 254 +inf, 255 -inf). */
    public double stringDouble() {
        int len = u8();
        return switch (len) {
            case 253 -> Double.NaN;
            case 254 -> Double.POSITIVE_INFINITY;
            case 255 -> Double.NEGATIVE_INFINITY;
            default -> RdbValues.parseDouble(bytes(len));
        };
    }

    private long little(int bytes) {
        need(bytes);
        long v = RdbValues.le(data, pos, bytes);
        pos += bytes;
        return v;
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new RdbFormatException("payload ends early");
        }
    }

    private static byte[] ascii(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }
}
