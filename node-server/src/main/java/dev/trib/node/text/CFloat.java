package dev.trib.node.text;

import java.math.BigInteger;

/**
 * Reads floating-point text with the syntax of C's strtod()/strtold() in the C locale and rounds
 * it correctly (ties to even) to a binary format, so scores and INCRBYFLOAT values come out exactly
 * as on a glibc-built Redis. Accepted: optional sign; decimal digits with optional '.' and
 * {@code e[+-]digits}; hexadecimal {@code 0x} digits with optional '.' and {@code p[+-]digits};
 * {@code inf}, {@code infinity}, {@code nan}, {@code nan(chars)}, all case-insensitive.
 *
 * <p>Work is bounded: at most {@value #MAX_DECIMAL_DIGITS} significant decimal digits are kept (a
 * trailing 1 stands in for any dropped non-zero digits, which cannot move a correctly rounded
 * result), and exponents far outside any binary format short-circuit to overflow or underflow.
 */
public final class CFloat {
    /** Enough digits to decide every rounding tie of an 80-bit long double. */
    static final int MAX_DECIMAL_DIGITS = 12_000;
    static final int MAX_HEX_DIGITS = 40;
    private static final long EXPONENT_CAP = 1_000_000_000L;

    /** IEEE double: 53-bit significand. */
    public static final Format DOUBLE = new Format(53, -1074, 1023);
    /** x87 80-bit extended precision, the {@code long double} of x86-64 Linux builds. */
    public static final Format LONG_DOUBLE = new Format(64, -16445, 16383);

    /**
     * A binary floating-point format.
     *
     * @param precision significand bits
     * @param minLsb    exponent of the least significant bit of the smallest subnormal
     * @param maxExp    exponent of the most significant bit of the largest finite value
     */
    public record Format(int precision, int minLsb, int maxExp) {
    }

    public enum Kind { FINITE, INFINITE, NAN }

    /**
     * The longest numeric prefix found by {@link #scan}. For FINITE values the magnitude is
     * {@code digits * base^exponent} with base 10, or 2 when {@code binaryExponent}.
     *
     * @param end index just after the prefix; equal to the scan start when nothing was converted
     */
    public record Scanned(Kind kind, boolean negative, BigInteger digits, long exponent, boolean binaryExponent,
                          int end) {
        public boolean converted(int start) {
            return end != start;
        }
    }

    /** A correctly rounded finite binary value: {@code mantissa * 2^exponent}, or an out-of-range flag. */
    public record Rounded(BigInteger mantissa, int exponent, boolean overflow, boolean underflow) {
        static final Rounded OVERFLOW = new Rounded(BigInteger.ZERO, 0, true, false);
        static final Rounded UNDERFLOW = new Rounded(BigInteger.ZERO, 0, false, true);
        static final Rounded ZERO = new Rounded(BigInteger.ZERO, 0, false, false);
    }

    private CFloat() {
    }

    /**
     * Scans like strtod() starting at {@code start}, never reading at or past {@code limit}
     * (callers pass the C-string length). Leading blanks are skipped as strtod does.
     */
    public static Scanned scan(byte[] s, int start, int limit) {
        int i = start;
        while (i < limit && CText.isSpace(s[i])) {
            i++;
        }
        boolean negative = false;
        if (i < limit && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        Scanned special = scanSpecial(s, i, limit, negative);
        if (special != null) {
            return special;
        }
        if (i + 1 < limit && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
            Scanned hex = scanDigits(s, i + 2, limit, negative, true);
            if (hex != null) {
                return hex;
            }
            // "0x" without hex digits: strtod converts just the "0".
            return new Scanned(Kind.FINITE, negative, BigInteger.ZERO, 0, false, i + 1);
        }
        Scanned dec = scanDigits(s, i, limit, negative, false);
        return dec != null ? dec : nothing(start);
    }

    private static Scanned nothing(int start) {
        return new Scanned(Kind.FINITE, false, BigInteger.ZERO, 0, false, start);
    }

    private static Scanned scanSpecial(byte[] s, int i, int limit, boolean negative) {
        if (startsWithIgnoreCase(s, i, limit, "inf")) {
            int end = startsWithIgnoreCase(s, i, limit, "infinity") ? i + 8 : i + 3;
            return new Scanned(Kind.INFINITE, negative, BigInteger.ZERO, 0, false, end);
        }
        if (startsWithIgnoreCase(s, i, limit, "nan")) {
            int end = i + 3;
            if (end < limit && s[end] == '(') {
                int j = end + 1;
                while (j < limit && (Character.isLetterOrDigit(s[j]) && s[j] < 128 || s[j] == '_')) {
                    j++;
                }
                if (j < limit && s[j] == ')') {
                    end = j + 1;
                }
            }
            return new Scanned(Kind.NAN, negative, BigInteger.ZERO, 0, false, end);
        }
        return null;
    }

    /**
     * The significand and exponent of a decimal or (after "0x") hexadecimal number. Each digit kept or dropped
     * moves the exponent by one step: a decimal digit is one power of ten, a hex digit four powers of two.
     */
    private static Scanned scanDigits(byte[] s, int i, int limit, boolean negative, boolean hex) {
        int maxDigits = hex ? MAX_HEX_DIGITS : MAX_DECIMAL_DIGITS;
        int step = hex ? 4 : 1;
        StringBuilder sig = new StringBuilder();
        long exp = 0;
        boolean dropped = false;
        int digits = 0;
        for (; i < limit && isDigit(s[i], hex); i++, digits++) {
            if (sig.length() == 0 && s[i] == '0') {
                continue;
            }
            if (sig.length() < maxDigits) {
                sig.append((char) s[i]);
            } else {
                dropped |= s[i] != '0';
                exp += step;
            }
        }
        if (i < limit && s[i] == '.') {
            int j = i + 1;
            for (; j < limit && isDigit(s[j], hex); j++, digits++) {
                if (sig.length() == 0 && s[j] == '0') {
                    exp -= step;
                    continue;
                }
                if (sig.length() < maxDigits) {
                    sig.append((char) s[j]);
                    exp -= step;
                } else {
                    dropped |= s[j] != '0';
                }
            }
            if (digits > 0) {
                i = j;
            }
        }
        if (digits == 0) {
            return null;
        }
        long[] exponent = {0};
        i = scanExponent(s, i, limit, hex ? 'p' : 'e', exponent);
        if (dropped) {
            sig.append('1');
            exp -= step;
        }
        BigInteger value = sig.length() == 0 ? BigInteger.ZERO : new BigInteger(sig.toString(), hex ? 16 : 10);
        return new Scanned(Kind.FINITE, negative, value, exp + exponent[0], hex, i);
    }

    private static boolean isDigit(byte b, boolean hex) {
        return hex ? hexValue(b) >= 0 : isDigit(b);
    }

    /** Consumes {@code e[+-]digits} (or p...) only when at least one digit follows; saturates huge exponents. */
    private static int scanExponent(byte[] s, int i, int limit, char marker, long[] out) {
        if (i >= limit || (s[i] | 0x20) != marker) {
            return i;
        }
        int j = i + 1;
        boolean negative = false;
        if (j < limit && (s[j] == '+' || s[j] == '-')) {
            negative = s[j] == '-';
            j++;
        }
        if (j >= limit || !isDigit(s[j])) {
            return i;
        }
        long value = 0;
        for (; j < limit && isDigit(s[j]); j++) {
            value = Math.min(EXPONENT_CAP, value * 10 + (s[j] - '0'));
        }
        out[0] = negative ? -value : value;
        return j;
    }

    /** Rounds the finite magnitude of a scan to the given format. */
    public static Rounded round(Scanned v, Format f) {
        if (v.digits().signum() == 0) {
            return Rounded.ZERO;
        }
        if (v.binaryExponent()) {
            long msb = v.exponent() + v.digits().bitLength() - 1;
            if (msb > f.maxExp()) {
                return Rounded.OVERFLOW;
            }
            if (msb < f.minLsb() - 2) {
                return Rounded.UNDERFLOW;
            }
            return roundBinary(v.digits(), (int) v.exponent(), false, f);
        }
        // log10 of the value, roughly: enough to reject absurd exponents before any big arithmetic.
        double log10 = (v.digits().bitLength() - 1) * 0.30102999566398120 + v.exponent();
        if (log10 > 5000) {
            return Rounded.OVERFLOW;
        }
        if (log10 < -5100) {
            return Rounded.UNDERFLOW;
        }
        if (v.exponent() >= 0) {
            return roundBinary(v.digits().multiply(BigInteger.TEN.pow((int) v.exponent())), 0, false, f);
        }
        BigInteger divisor = BigInteger.TEN.pow((int) -v.exponent());
        int shift = Math.max(0, f.precision() + 3 - (v.digits().bitLength() - divisor.bitLength()));
        BigInteger[] qr = v.digits().shiftLeft(shift).divideAndRemainder(divisor);
        return roundBinary(qr[0], -shift, qr[1].signum() != 0, f);
    }

    /**
     * Rounds {@code q * 2^e} (plus a non-zero remainder below its last bit when {@code sticky}) to
     * nearest, ties to even, honouring the format's precision and subnormal range.
     */
    static Rounded roundBinary(BigInteger q, int e, boolean sticky, Format f) {
        if (q.signum() == 0) {
            return sticky ? Rounded.UNDERFLOW : Rounded.ZERO;
        }
        long msb = (long) e + q.bitLength() - 1;
        long lsb = Math.max(msb - (f.precision() - 1), f.minLsb());
        long shift = lsb - e;
        BigInteger mantissa;
        long exponent;
        if (shift <= 0) {
            mantissa = q;
            exponent = e;
        } else if (shift > q.bitLength() + 1) {
            return Rounded.UNDERFLOW;
        } else {
            int sh = (int) shift;
            mantissa = q.shiftRight(sh);
            boolean half = q.testBit(sh - 1);
            boolean below = sticky || (q.getLowestSetBit() < sh - 1);
            if (half && (below || mantissa.testBit(0))) {
                mantissa = mantissa.add(BigInteger.ONE);
            }
            exponent = lsb;
            if (mantissa.bitLength() > f.precision()) {
                mantissa = mantissa.shiftRight(1);
                exponent++;
            }
        }
        if (mantissa.signum() == 0) {
            return Rounded.UNDERFLOW;
        }
        if (exponent + mantissa.bitLength() - 1 > f.maxExp()) {
            return Rounded.OVERFLOW;
        }
        return new Rounded(mantissa, (int) exponent, false, false);
    }

    /**
     * Redis's {@code string2d}: the whole argument must be a number, no leading blank, no NaN,
     * and no overflow or underflow to zero (a literal "inf" is fine).
     */
    public static Double parseStrictDouble(byte[] s) {
        double simple = simpleDecimal(s);
        if (simple == simple) { // not NaN: the text was a short plain decimal
            return simple;
        }
        if (s.length == 0 || CText.isSpace(s[0])) {
            return null;
        }
        Scanned v = scan(s, 0, s.length);
        if (v.end() != s.length || v.kind() == Kind.NAN) {
            return null;
        }
        return toDouble(v, true);
    }

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};

    /**
     * Most scores are short plain decimals ("42", "-1.5"): with at most 15 digits the digits form an integer that a
     * double holds exactly, as it does the power of ten, so one division rounds correctly (Clinger's fast path),
     * where the general path builds BigIntegers (a third of ZADD's garbage). NaN when the text is anything else.
     */
    private static double simpleDecimal(byte[] s) {
        int i = 0;
        boolean negative = s.length > 0 && s[0] == '-';
        if (negative) {
            i++;
        }
        long digits = 0;
        int count = 0;
        int fraction = -1;
        for (; i < s.length; i++) {
            byte b = s[i];
            if (b >= '0' && b <= '9') {
                if (++count > 15) {
                    return Double.NaN;
                }
                digits = digits * 10 + (b - '0');
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (b == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        double value = fraction > 0 ? digits / POWERS_OF_TEN[fraction] : digits;
        return negative ? -value : value;
    }

    /**
     * The score parsing of ZRANGEBYSCORE-style ranges: strtod() on a C string that must be fully
     * consumed; leading blanks, the empty string (0) and out-of-range values are accepted, NaN is not.
     */
    public static Double parseLenientDouble(byte[] s, int start) {
        int limit = CText.cLength(s);
        if (start > limit) {
            return null;
        }
        Scanned v = scan(s, start, limit);
        int end = v.converted(start) ? v.end() : start;
        if (end != limit || v.kind() == Kind.NAN) {
            return null;
        }
        return toDouble(v, false);
    }

    /** @param rejectRangeErrors true to return null where strtod would set ERANGE with a zero or infinite result */
    private static Double toDouble(Scanned v, boolean rejectRangeErrors) {
        double sign = v.negative() ? -1.0 : 1.0;
        if (v.kind() == Kind.INFINITE) {
            return sign * Double.POSITIVE_INFINITY;
        }
        Rounded r = round(v, DOUBLE);
        if (r.overflow()) {
            return rejectRangeErrors ? null : sign * Double.POSITIVE_INFINITY;
        }
        if (r.underflow()) {
            return rejectRangeErrors ? null : sign * 0.0;
        }
        return sign * Math.scalb((double) r.mantissa().longValueExact(), r.exponent());
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = b | 0x20;
        if (lower >= 'a' && lower <= 'f') {
            return lower - 'a' + 10;
        }
        return -1;
    }

    private static boolean startsWithIgnoreCase(byte[] s, int i, int limit, String word) {
        if (limit - i < word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((s[i + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
