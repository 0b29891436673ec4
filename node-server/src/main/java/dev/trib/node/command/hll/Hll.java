package dev.trib.node.command.hll;

import java.util.Arrays;

/**
 * One HyperLogLog in redis-server's string representation, so that GET, DUMP and RESTORE move it between this node
 * and redis-server unchanged: a 16-byte header ("HYLL", the encoding byte, three unused bytes, the cached cardinality
 * as 8 little-endian bytes whose top bit marks it stale) and 16384 registers, either dense (6 bits each, packed from
 * the low bits of byte 0) or sparse (run-length opcodes ZERO 00xxxxxx, XZERO 01xxxxxx yyyyyyyy and VAL 1vvvvvxx).
 * Updates follow Redis's algorithm step for step (split the opcode covering the register, merge equal neighbours,
 * go dense past hll-sparse-max-bytes or a value over 32), since the bytes, not only the estimate, must match.
 */
final class Hll {
    static final int P = 14;
    static final int REGISTERS = 1 << P;
    static final int Q = 64 - P;
    static final int REGISTER_MAX = 63;
    static final int HEADER = 16;
    static final int DENSE_SIZE = HEADER + (REGISTERS * 6 + 7) / 8;
    static final int DENSE = 0;
    static final int SPARSE = 1;
    private static final int VAL_MAX_VALUE = 32;
    private static final int VAL_MAX_LEN = 4;
    private static final int ZERO_MAX_LEN = 64;
    private static final int XZERO_MAX_LEN = 16384;
    private static final double ALPHA_INF = 0.721347520444481703680;

    private byte[] buf;
    private int len;

    private Hll(byte[] bytes) {
        this.buf = bytes;
        this.len = bytes.length;
    }

    /** A copy of a stored value to work on. */
    static Hll of(byte[] stored) {
        return new Hll(stored.clone());
    }

    /** A new, empty HLL: sparse, one XZERO covering every register, cached cardinality 0 (valid). */
    static Hll empty() {
        byte[] b = new byte[HEADER + 2];
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[4] = SPARSE;
        b[HEADER] = (byte) (0x40 | ((XZERO_MAX_LEN - 1) >> 8));
        b[HEADER + 1] = (byte) ((XZERO_MAX_LEN - 1) & 0xff);
        return new Hll(b);
    }

    /** Whether a string is an HLL as redis-server checks it: long enough, the magic, a known encoding, dense size. */
    static boolean looksValid(byte[] s) {
        if (s.length < HEADER || s[0] != 'H' || s[1] != 'Y' || s[2] != 'L' || s[3] != 'L') {
            return false;
        }
        int encoding = s[4] & 0xff;
        return encoding <= SPARSE && (encoding != DENSE || s.length == DENSE_SIZE);
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, len);
    }

    int encoding() {
        return buf[4] & 0xff;
    }

    void invalidateCache() {
        buf[15] |= (byte) 0x80;
    }

    boolean cacheValid() {
        return (buf[15] & 0x80) == 0;
    }

    long cachedCardinality() {
        long card = 0;
        for (int i = 7; i >= 0; i--) {
            card = (card << 8) | (buf[8 + i] & 0xffL);
        }
        return card;
    }

    void cacheCardinality(long card) {
        for (int i = 0; i < 8; i++) {
            buf[8 + i] = (byte) (card >>> (8 * i));
        }
    }

    // ---- adding ----------------------------------------------------------------------------------------------

    /** Adds an element: 1 when a register grew, 0 when none did, -1 for a corrupt sparse HLL. */
    int add(byte[] element, long sparseMaxBytes) {
        long hash = MurmurHash64A.hash(element, MurmurHash64A.HLL_SEED);
        int index = (int) (hash & (REGISTERS - 1));
        long rest = (hash >>> P) | (1L << Q);
        int count = Long.numberOfTrailingZeros(rest) + 1;
        return set(index, count, sparseMaxBytes);
    }

    /** Raises register {@code index} to {@code count} if it is lower; as {@link #add}. */
    int set(int index, int count, long sparseMaxBytes) {
        if (encoding() == DENSE) {
            return denseSet(buf, HEADER, index, count) ? 1 : 0;
        }
        return sparseSet(index, count, sparseMaxBytes);
    }

    static int denseGet(byte[] b, int base, int reg) {
        int bit = reg * 6;
        int at = base + (bit >>> 3);
        int fb = bit & 7;
        int b0 = b[at] & 0xff;
        int b1 = at + 1 < b.length ? b[at + 1] & 0xff : 0;
        return ((b0 >>> fb) | (b1 << (8 - fb))) & REGISTER_MAX;
    }

    static void denseWrite(byte[] b, int base, int reg, int value) {
        int bit = reg * 6;
        int at = base + (bit >>> 3);
        int fb = bit & 7;
        int fb8 = 8 - fb;
        b[at] = (byte) ((b[at] & ~(REGISTER_MAX << fb)) | (value << fb));
        if (at + 1 < b.length) {
            b[at + 1] = (byte) ((b[at + 1] & ~(REGISTER_MAX >>> fb8)) | (value >>> fb8));
        }
    }

    private static boolean denseSet(byte[] b, int base, int reg, int count) {
        if (count > denseGet(b, base, reg)) {
            denseWrite(b, base, reg, count);
            return true;
        }
        return false;
    }

    private static boolean isZero(int op) {
        return (op & 0xc0) == 0;
    }

    private static boolean isXZero(int op) {
        return (op & 0xc0) == 0x40;
    }

    private static int valValue(int op) {
        return ((op >>> 2) & 0x1f) + 1;
    }

    private static int valLen(int op) {
        return (op & 3) + 1;
    }

    private static byte val(int value, int runLength) {
        return (byte) (((value - 1) << 2 | (runLength - 1)) | 0x80);
    }

    private int op(int at) {
        return buf[at] & 0xff;
    }

    private int xzeroLen(int at) {
        int second = at + 1 < len ? buf[at + 1] & 0xff : 0;
        return (((buf[at] & 0x3f) << 8) | second) + 1;
    }

    private int sparseSet(int index, int count, long sparseMaxBytes) {
        if (count > VAL_MAX_VALUE) {
            return promote(index, count);
        }
        // Find the opcode covering the register.
        int p = HEADER;
        int end = len;
        int first = 0;
        int prev = -1;
        int span = 0;
        while (p < end) {
            int oplen = 1;
            int op = op(p);
            if (isZero(op)) {
                span = (op & 0x3f) + 1;
            } else if ((op & 0x80) != 0) {
                span = valLen(op);
            } else {
                span = xzeroLen(p);
                oplen = 2;
            }
            if (index <= first + span - 1) {
                break;
            }
            prev = p;
            p += oplen;
            first += span;
        }
        if (span == 0 || p >= end) {
            return -1;
        }
        int op = op(p);
        boolean zero = isZero(op);
        boolean xzero = isXZero(op);
        if (!zero && !xzero) {
            if (valValue(op) >= count) {
                return 0;
            }
            if (span == 1) {
                buf[p] = val(count, 1);
                return updated(prev, end);
            }
        }
        if (zero && span == 1) {
            buf[p] = val(count, 1);
            return updated(prev, end);
        }
        // Split the run into up to three opcodes: before, the register, after.
        byte[] seq = new byte[5];
        int n = 0;
        int last = first + span - 1;
        if (zero || xzero) {
            if (index != first) {
                n = putZeros(seq, n, index - first);
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                n = putZeros(seq, n, last - index);
            }
        } else {
            int current = valValue(op);
            if (index != first) {
                seq[n++] = val(current, index - first);
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                seq[n++] = val(current, last - index);
            }
        }
        int oldLen = xzero ? 2 : 1;
        int delta = n - oldLen;
        if (delta > 0 && (long) len + delta > sparseMaxBytes) {
            return promote(index, count);
        }
        ensureCapacity(len + Math.max(delta, 0));
        int next = p + oldLen;
        if (delta != 0 && next < end) {
            System.arraycopy(buf, next, buf, next + delta, end - next);
        }
        len += delta;
        System.arraycopy(seq, 0, buf, p, n);
        return updated(prev, end + delta);
    }

    private static int putZeros(byte[] seq, int n, int runLength) {
        if (runLength > ZERO_MAX_LEN) {
            seq[n] = (byte) (((runLength - 1) >> 8) | 0x40);
            seq[n + 1] = (byte) ((runLength - 1) & 0xff);
            return n + 2;
        }
        seq[n] = (byte) (runLength - 1);
        return n + 1;
    }

    /** After a change: merges equal adjacent VAL opcodes, looking at up to five from the one before the change. */
    private int updated(int prev, int end) {
        int p = prev >= 0 ? prev : HEADER;
        int scan = 5;
        while (p < end && scan-- > 0) {
            int op = op(p);
            if (isXZero(op)) {
                p += 2;
                continue;
            }
            if (isZero(op)) {
                p++;
                continue;
            }
            if (p + 1 < end && (op(p + 1) & 0x80) != 0) {
                int v1 = valValue(op);
                int v2 = valValue(op(p + 1));
                if (v1 == v2) {
                    int merged = valLen(op) + valLen(op(p + 1));
                    if (merged <= VAL_MAX_LEN) {
                        buf[p + 1] = val(v1, merged);
                        System.arraycopy(buf, p + 1, buf, p, end - p - 1);
                        len--;
                        end--;
                        continue;
                    }
                }
            }
            p++;
        }
        invalidateCache();
        return 1;
    }

    private int promote(int index, int count) {
        if (!toDense()) {
            return -1;
        }
        denseSet(buf, HEADER, index, count);
        return 1;
    }

    private void ensureCapacity(int needed) {
        if (buf.length < needed) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }

    /** Rewrites a sparse HLL as dense keeping the header (the cached cardinality too); false when corrupt. */
    boolean toDense() {
        if (encoding() == DENSE) {
            return true;
        }
        byte[] dense = new byte[DENSE_SIZE];
        System.arraycopy(buf, 0, dense, 0, HEADER);
        dense[4] = DENSE;
        int reg = walkSparse((first, run, value) -> {
            for (int i = 0; i < run && value > 0; i++) {
                denseWrite(dense, HEADER, first + i, value);
            }
        }, true);
        if (reg != REGISTERS) {
            return false;
        }
        buf = dense;
        len = DENSE_SIZE;
        return true;
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /** A run of registers of a sparse HLL: the first, how many, their value (0 for ZERO and XZERO). */
    @FunctionalInterface
    private interface RunVisitor {
        void run(int first, int length, int value);
    }

    /**
     * Walks a sparse HLL's opcodes, telling the visitor of each run; the number of registers covered. With
     * {@code stopAtOverflow} a value run reaching past the last register ends the walk, as in Redis's loops that
     * write registers.
     */
    private int walkSparse(RunVisitor visitor, boolean stopAtOverflow) {
        int reg = 0;
        for (int p = HEADER; p < len; ) {
            int op = op(p);
            int run;
            int value = 0;
            if (isZero(op)) {
                run = (op & 0x3f) + 1;
                p++;
            } else if (isXZero(op)) {
                run = xzeroLen(p);
                p += 2;
            } else {
                run = valLen(op);
                value = valValue(op);
                if (stopAtOverflow && run + reg > REGISTERS) {
                    break;
                }
                p++;
            }
            visitor.run(reg, run, value);
            reg += run;
        }
        return reg;
    }

    /** Raises each of {@code max}'s registers to this HLL's; false when a sparse HLL does not cover them all. */
    boolean mergeInto(byte[] max) {
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                int v = denseGet(buf, HEADER, i);
                if (v > (max[i] & 0xff)) {
                    max[i] = (byte) v;
                }
            }
            return true;
        }
        int reg = walkSparse((first, run, value) -> {
            for (int i = first; i < first + run && value > 0; i++) {
                if (value > (max[i] & 0xff)) {
                    max[i] = (byte) value;
                }
            }
        }, true);
        return reg == REGISTERS;
    }

    /** The estimate, or -1 when a sparse HLL does not cover exactly every register. */
    long count() {
        int[] histogram = new int[64];
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                histogram[denseGet(buf, HEADER, i)]++;
            }
            return estimate(histogram);
        }
        int reg = walkSparse((first, run, value) -> histogram[value] += run, false);
        return reg == REGISTERS ? estimate(histogram) : -1;
    }

    /** The estimate of raw registers (one byte each), as PFCOUNT of several keys uses. */
    static long countRaw(byte[] registers) {
        int[] histogram = new int[64];
        for (byte r : registers) {
            histogram[r & 0x3f]++;
        }
        return estimate(histogram);
    }

    /** Ertl's improved estimator over the register histogram, as redis-server computes it. */
    private static long estimate(int[] histogram) {
        double m = REGISTERS;
        double z = m * tau((m - histogram[Q + 1]) / m);
        for (int j = Q; j >= 1; --j) {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        return Math.round(ALPHA_INF * m * m / z);
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (previous != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double y = 1.0;
        double z = 1 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        } while (previous != z);
        return z / 3;
    }

    /** The sparse opcodes as PFDEBUG DECODE prints them: "z:len", "Z:len", "v:value,len". */
    String decode() {
        StringBuilder out = new StringBuilder();
        for (int p = HEADER; p < len; ) {
            int op = op(p);
            if (out.length() > 0) {
                out.append(' ');
            }
            if (isZero(op)) {
                out.append("z:").append((op & 0x3f) + 1);
                p++;
            } else if (isXZero(op)) {
                out.append("Z:").append(xzeroLen(p));
                p += 2;
            } else {
                out.append("v:").append(valValue(op)).append(',').append(valLen(op));
                p++;
            }
        }
        return out.toString();
    }

    /** Register values of a dense HLL. */
    int register(int index) {
        return denseGet(buf, HEADER, index);
    }
}
