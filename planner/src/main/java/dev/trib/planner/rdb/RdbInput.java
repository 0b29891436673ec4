package dev.trib.planner.rdb;

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

    /**
     * A length read as the unsigned 64-bit number Redis wrote (stream IDs and counters, where -1 is stored as
     * 2^64-1).
     */
    public long unsignedLength() {
        int b = u8();
        return switch (b >> 6) {
            case 0 -> b & 0x3f;
            case 1 -> ((b & 0x3f) << 8) | u8();
            case 2 -> {
                if (b == 0x80 || b == 0x81) {
                    int n = b == 0x80 ? 4 : 8;
                    long v = 0;
                    for (int i = 0; i < n; i++) {
                        v = (v << 8) | u8();
                    }
                    yield v;
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

    /** A string: plain (length + bytes), an integer in 1, 2 or 4 bytes, or LZF-compressed. */
    public byte[] string() {
        need(1);
        int b = data[pos] & 0xff;
        if ((b >> 6) != 3) {
            long len = length();
            need(len);
            return bytes((int) len);
        }
        pos++;
        return switch (b & 0x3f) {
            case 0 -> Bytes.ascii((byte) little(1));
            case 1 -> Bytes.ascii((short) little(2));
            case 2 -> Bytes.ascii((int) little(4));
            case 3 -> {
                long compressed = length();
                long plain = length();
                need(compressed);
                // No allocation beyond what the compressed bytes could possibly expand to.
                if (plain > Math.min(compressed * Lzf.MAX_RATIO, Integer.MAX_VALUE - 8)) {
                    throw new RdbFormatException("LZF length out of range");
                }
                yield Lzf.decompress(bytes((int) compressed), (int) plain);
            }
            default -> throw new RdbFormatException("bad string encoding " + b);
        };
    }

    /** Score of RDB_TYPE_ZSET_2: an 8-byte little-endian IEEE 754 double. */
    public double binaryDouble() {
        return Double.longBitsToDouble(little(8));
    }

    /** Score of the old RDB_TYPE_ZSET: a length byte then the text (253 nan, 254 +inf, 255 -inf). */
    public RdbValue.Score stringScore() {
        int len = u8();
        return switch (len) {
            case 253 -> RdbValue.Score.of(Double.NaN);
            case 254 -> RdbValue.Score.of(Double.POSITIVE_INFINITY);
            case 255 -> RdbValue.Score.of(Double.NEGATIVE_INFINITY);
            default -> RdbValue.Score.ofText(bytes(len));
        };
    }

    /** An unsigned little-endian integer of 1 to 8 bytes (expiry times in RDB files). */
    public long little(int bytes) {
        need(bytes);
        long v = Bytes.le(data, pos, bytes);
        pos += bytes;
        return v;
    }

    public int position() {
        return pos;
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    private void need(long n) {
        if (n < 0 || end - pos < n) {
            throw new RdbFormatException("payload ends early");
        }
    }
}
