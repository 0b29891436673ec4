package dev.trib.node.rdb;

import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.text.IntegerText;
import dev.trib.planner.rdb.RdbTypes;

import java.io.ByteArrayOutputStream;

/**
 * Writes one value in RDB object format using the plain collection types (list 1, set 2, hash 4, zset 5), which
 * redis-server 7.0 loads and re-encodes as it likes. Strings are encoded as redis-server does (integers in 1-4
 * bytes, LZF above 20 bytes when that saves space, compressed as redis-server does), so a string's DUMP matches
 * redis-server's byte for byte.
 */
public final class RdbValueWriter {
    private static final int ENC_INT8 = 0xc0;
    private static final int ENC_INT16 = 0xc1;
    private static final int ENC_INT32 = 0xc2;
    private static final int ENC_LZF = 0xc3;
    /** Longest text that can be an int32 ("-2147483648"). */
    private static final int MAX_INT_TEXT = 11;
    /** redis-server tries LZF only on strings longer than this. */
    private static final int MIN_COMPRESS = 21;

    private RdbValueWriter() {
    }

    /** The type byte followed by the value's body. */
    public static byte[] write(RedisValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (value instanceof StringValue s) {
            out.write(RdbTypes.STRING);
            string(out, s.bytes());
        } else if (value instanceof ListValue l) {
            out.write(RdbTypes.LIST);
            length(out, l.size());
            l.toList().forEach(e -> string(out, e));
        } else if (value instanceof SetValue s) {
            out.write(RdbTypes.SET);
            length(out, s.size());
            s.forEach(m -> string(out, m));
        } else if (value instanceof HashValue h) {
            out.write(RdbTypes.HASH);
            length(out, h.size());
            h.forEach((f, v) -> {
                string(out, f.bytes());
                string(out, v);
            });
        } else if (value instanceof dev.trib.node.keyspace.StreamValue st) {
            out.write(RdbTypes.STREAM_LISTPACKS_2);
            StreamRdb.write(out, st);
        } else if (value instanceof ZSetValue z) {
            out.write(RdbTypes.ZSET_2);
            length(out, z.size());
            for (ScoreTree.Node n = z.first(); n != null; n = n.next()) {
                string(out, n.memberBytes());
                littleEndian(out, Double.doubleToLongBits(n.score()), 8);
            }
        } else {
            throw new IllegalArgumentException("no RDB form for " + value.type());
        }
        return out.toByteArray();
    }

    /** 6-bit, 14-bit, 32-bit or 64-bit length, unsigned (a stream's -1 is 2^64-1); the wider forms are big-endian. */
    static void length(ByteArrayOutputStream out, long len) {
        if (len >= 0 && len < 1 << 6) {
            out.write((int) len);
        } else if (len >= 0 && len < 1 << 14) {
            out.write(0x40 | (int) (len >> 8));
            out.write((int) len);
        } else if (len >= 0 && len <= 0xffffffffL) {
            out.write(0x80);
            bigEndian(out, len, 4);
        } else {
            out.write(0x81);
            bigEndian(out, len, 8);
        }
    }

    static void string(ByteArrayOutputStream out, byte[] s) {
        Long v = s.length <= MAX_INT_TEXT ? IntegerText.parse(s) : null; // canonical text only, as Redis
        if (v != null && v == (int) (long) v) {
            int bytes = v == (byte) (long) v ? 1 : v == (short) (long) v ? 2 : 4;
            out.write(bytes == 1 ? ENC_INT8 : bytes == 2 ? ENC_INT16 : ENC_INT32);
            littleEndian(out, v, bytes);
        } else if (s.length < MIN_COMPRESS || !compressed(out, s)) {
            length(out, s.length);
            out.write(s, 0, s.length);
        }
    }

    /** Writes the LZF form when it fits in 4 bytes less than the string (redis-server's limit); false otherwise. */
    private static boolean compressed(ByteArrayOutputStream out, byte[] s) {
        byte[] c = LzfCompressor.compress(s, s.length - 4);
        if (c == null) {
            return false;
        }
        out.write(ENC_LZF);
        length(out, c.length);
        length(out, s.length);
        out.write(c, 0, c.length);
        return true;
    }

    static void littleEndian(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static void bigEndian(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
