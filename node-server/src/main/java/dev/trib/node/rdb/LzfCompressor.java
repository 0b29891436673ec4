package dev.trib.node.rdb;

import dev.trib.planner.rdb.Lzf;

import java.util.Arrays;

/**
 * LZF compression that makes the same choices as the liblzf build inside redis-server (65536-slot hash of the next
 * three bytes, the "very fast" variant that re-indexes only the last two positions of a match, no match against
 * position 0, and the same early give-up checks against the output limit). LZF streams are not unique, so this is
 * what makes a DUMP of a long string identical to redis-server's rather than merely loadable by it. (redis-server
 * leaves its table uninitialised, so on rare inputs a stale slot hands it a match this class does not find.)
 *
 * <p>One per thread: the table is reused between calls, and a generation stamp per slot stands in for clearing it.
 */
public final class LzfCompressor {
    private static final int HASH_BITS = 16;
    private static final ThreadLocal<LzfCompressor> PER_THREAD = ThreadLocal.withInitial(LzfCompressor::new);

    private final int[] position = new int[1 << HASH_BITS];
    private final int[] stamp = new int[1 << HASH_BITS];
    private int generation;

    /**
     * Compresses as redis-server 7.0 does, so payloads match its byte for byte.
     *
     * @param maxOut the most output bytes allowed (redis-server passes the input length - 4)
     * @return the compressed bytes, or null when they would not fit in {@code maxOut}
     */
    public static byte[] compress(byte[] in, int maxOut) {
        return PER_THREAD.get().compressInto(in, maxOut);
    }

    /** Compression that never gives up: room for a literal-run byte every 32 bytes and some slack. */
    public static byte[] compress(byte[] in) {
        return compress(in, in.length + in.length / Lzf.MAX_LITERAL + 16);
    }

    private byte[] compressInto(byte[] in, int maxOut) {
        if (++generation == 0) { // wrapped: forget every stamp once
            Arrays.fill(stamp, 0);
            generation = 1;
        }
        int n = in.length;
        if (n == 0 || maxOut <= 0) {
            return n == 0 ? new byte[0] : null;
        }
        byte[] out = new byte[maxOut];
        int lit = 0;
        int runAt = 0; // where the current literal run's control byte goes, reserved before its bytes
        int op = 1;
        int ip = 0;
        while (ip < n - 2) {
            int h = slot(in, ip);
            int ref = stamp[h] == generation ? position[h] : -1;
            remember(h, ip);
            int off = ip - ref - 1;
            // ref > 0, not >= 0: liblzf cannot tell a match at the very first byte from an empty slot.
            if (ref > 0 && off < Lzf.MAX_OFFSET && in[ref + 2] == in[ip + 2] && in[ref] == in[ip]
                    && in[ref + 1] == in[ip + 1]) {
                if (op - (lit == 0 ? 1 : 0) + 4 >= maxOut) {
                    return null;
                }
                int len = matchLength(in, ref, ip);
                // Close the literal run, or take back its reserved byte when it is empty.
                if (lit > 0) {
                    out[runAt] = (byte) (lit - 1);
                } else {
                    op--;
                }
                int l = len - 2;
                if (l < 7) {
                    out[op++] = (byte) ((off >> 8) + (l << 5));
                } else {
                    out[op++] = (byte) ((off >> 8) + (7 << 5));
                    out[op++] = (byte) (l - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                runAt = op++;
                ip += len;
                if (ip >= n - 2) {
                    break;
                }
                remember(slot(in, ip - 2), ip - 2);
                remember(slot(in, ip - 1), ip - 1);
            } else {
                if (op >= maxOut) {
                    return null;
                }
                out[op++] = in[ip++];
                if (++lit == Lzf.MAX_LITERAL) {
                    out[runAt] = (byte) (lit - 1);
                    lit = 0;
                    runAt = op++;
                }
            }
        }
        if (op + 3 > maxOut) {
            return null;
        }
        while (ip < n) {
            out[op++] = in[ip++];
            if (++lit == Lzf.MAX_LITERAL) {
                out[runAt] = (byte) (lit - 1);
                lit = 0;
                runAt = op++;
            }
        }
        if (lit > 0) {
            out[runAt] = (byte) (lit - 1);
        } else {
            op--;
        }
        return Arrays.copyOf(out, op);
    }

    /**
     * Bytes matching at ref and ip, at least 3. Like liblzf, the limit is the input left minus 2, except that
     * when more than 16 bytes are left the first 16 comparisons run unchecked and may reach the last two bytes.
     */
    private static int matchLength(byte[] in, int ref, int ip) {
        int maxLen = Math.min(in.length - ip - 2, Lzf.MAX_MATCH);
        int len = 2;
        if (maxLen > 16) {
            for (int k = 0; k < 16; k++) {
                len++;
                if (in[ref + len] != in[ip + len]) {
                    return len;
                }
            }
        }
        do {
            len++;
        } while (len < maxLen && in[ref + len] == in[ip + len]);
        return len;
    }

    private void remember(int h, int pos) {
        position[h] = pos;
        stamp[h] = generation;
    }

    /** liblzf's hash of three bytes into 16 bits. */
    private static int slot(byte[] in, int p) {
        int v = (in[p] & 0xff) << 16 | (in[p + 1] & 0xff) << 8 | (in[p + 2] & 0xff);
        return ((v >>> 8) - v * 5) & 0xffff;
    }
}
