package dev.trib.node.text;

import java.nio.charset.StandardCharsets;

/**
 * Integer text the way Redis reads and writes it. Parsing is strict like {@code string2ll}: an
 * optional '-', no '+', no leading zeros, no spaces, at most 20 characters, no overflow.
 */
public final class IntegerText {
    /** Longest accepted text; longer input is rejected without being looked at. */
    public static final int MAX_LENGTH = 20;

    private IntegerText() {
    }

    /** @return the value, or {@code null} when the text is not a canonical 64-bit integer */
    public static Long parse(byte[] s) {
        return parse(s, 0, s.length);
    }

    public static Long parse(byte[] s, int off, int len) {
        if (len == 0 || len > MAX_LENGTH) {
            return null;
        }
        if (len == 1 && s[off] == '0') {
            return 0L;
        }
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (s[i] == '-') {
            negative = true;
            i++;
            if (i == end) {
                return null;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return null;
        }
        // Accumulate as a negative number so Long.MIN_VALUE fits.
        long acc = 0;
        for (; i < end; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            if (acc < (Long.MIN_VALUE + d) / 10) {
                return null;
            }
            acc = acc * 10 - d;
        }
        if (!negative) {
            if (acc == Long.MIN_VALUE) {
                return null;
            }
            acc = -acc;
        }
        return acc;
    }

    /** True when the bytes are exactly what {@link #format} would print for some long. */
    public static boolean isCanonical(byte[] s) {
        return parse(s) != null;
    }

    public static byte[] format(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** Below this, {@link #formatShared} hands out one array per value (Redis: OBJ_SHARED_INTEGERS). */
    private static final int SHARED = 10_000;
    private static final byte[][] SHARED_TEXT = new byte[SHARED][];

    /**
     * As {@link #format}, but a value from 0 to 9,999 comes as one array shared by every caller, as Redis shares its
     * small integer objects: counters then cost no array of their own. The array must never be modified.
     */
    public static byte[] formatShared(long value) {
        if (value < 0 || value >= SHARED) {
            return format(value);
        }
        byte[] text = SHARED_TEXT[(int) value];
        if (text == null) {
            text = format(value);
            SHARED_TEXT[(int) value] = text;
        }
        return text;
    }

    /**
     * Parses a SCAN cursor like C's {@code strtoul(s, &end, 10)} followed by Redis's checks: no
     * leading blank, nothing after the digits, no overflow. Like strtoul it accepts a sign (a
     * '-' wraps around) and the empty string (cursor 0). The argument is a C string: a NUL ends it.
     *
     * @return the cursor as an unsigned 64-bit value in a long, or {@code null} when invalid
     */
    public static Long parseCursor(byte[] s) {
        int len = CText.cLength(s);
        if (len > 0 && CText.isSpace(s[0])) {
            return null;
        }
        int i = 0;
        boolean negative = false;
        if (i < len && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            int d = s[i] - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                overflow = true;
            } else {
                value = value * 10 + d;
            }
        }
        if (i == digitsStart) {
            // strtoul converted nothing and left the end pointer at the start of the string.
            return len == 0 ? 0L : null;
        }
        if (i != len || overflow) {
            return null;
        }
        return negative ? -value : value;
    }
}
