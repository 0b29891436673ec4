package dev.trib.node.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * An x87 80-bit {@code long double} value, the type INCRBYFLOAT and HINCRBYFLOAT compute in on
 * x86-64 Redis builds. Held exactly as {@code ±mantissa * 2^exponent} with a 64-bit mantissa, so
 * parsing (strtold), addition and printing ({@code %.17Lf}) round exactly as glibc does.
 */
public final class LongDouble {
    /** Redis rejects longer float text (MAX_LONG_DOUBLE_CHARS). */
    public static final int MAX_TEXT_LENGTH = 5 * 1024 - 1;

    private final boolean negative;
    private final boolean infinite;
    private final BigInteger mantissa;
    private final int exponent;

    private LongDouble(boolean negative, boolean infinite, BigInteger mantissa, int exponent) {
        this.negative = negative;
        this.infinite = infinite;
        this.mantissa = mantissa;
        this.exponent = exponent;
    }

    /**
     * Redis's {@code string2ld}: the whole text must be a number, no leading blank, not NaN, and
     * not out of range (overflow, or underflow to zero); "inf" itself is accepted.
     *
     * @return the value, or {@code null} when Redis would answer "not a valid float"
     */
    public static LongDouble parse(byte[] s) {
        if (s.length == 0 || s.length > MAX_TEXT_LENGTH || CText.isSpace(s[0])) {
            return null;
        }
        CFloat.Scanned v = CFloat.scan(s, 0, s.length);
        if (v.end() != s.length || v.kind() == CFloat.Kind.NAN) {
            return null;
        }
        if (v.kind() == CFloat.Kind.INFINITE) {
            return new LongDouble(v.negative(), true, BigInteger.ZERO, 0);
        }
        CFloat.Rounded r = CFloat.round(v, CFloat.LONG_DOUBLE);
        if (r.overflow() || r.underflow()) {
            return null;
        }
        return new LongDouble(v.negative(), false, r.mantissa(), r.exponent());
    }

    /** A double, exactly (every double is a long double); not NaN. */
    public static LongDouble of(double value) {
        boolean negative = (Double.doubleToRawLongBits(value) < 0);
        if (Double.isInfinite(value)) {
            return new LongDouble(negative, true, BigInteger.ZERO, 0);
        }
        long bits = Double.doubleToRawLongBits(Math.abs(value));
        int rawExponent = (int) (bits >>> 52);
        long significand = bits & ((1L << 52) - 1);
        if (rawExponent != 0) {
            significand |= 1L << 52;
        }
        int exponent = (rawExponent == 0 ? 1 : rawExponent) - 1075; // value = significand * 2^exponent
        return new LongDouble(negative, false, BigInteger.valueOf(significand), exponent);
    }

    public static LongDouble of(long value) {
        return new LongDouble(value < 0, false, BigInteger.valueOf(value).abs(), 0);
    }

    public boolean isInfinite() {
        return infinite;
    }

    /**
     * IEEE addition rounded to 64 bits. Returns {@code null} for NaN (infinities of opposite signs);
     * an overflowing sum becomes infinite.
     */
    public LongDouble add(LongDouble other) {
        if (infinite || other.infinite) {
            if (infinite && other.infinite && negative != other.negative) {
                return null;
            }
            return infinite ? this : other;
        }
        int e = Math.min(exponent, other.exponent);
        BigInteger a = signed().shiftLeft(exponent - e);
        BigInteger b = other.signed().shiftLeft(other.exponent - e);
        BigInteger sum = a.add(b);
        if (sum.signum() == 0) {
            // x + (-x) is +0 when rounding to nearest; -0 + -0 stays -0.
            boolean negZero = negative && other.negative;
            return new LongDouble(negZero, false, BigInteger.ZERO, 0);
        }
        CFloat.Rounded r = CFloat.roundBinary(sum.abs(), e, false, CFloat.LONG_DOUBLE);
        if (r.overflow()) {
            return new LongDouble(sum.signum() < 0, true, BigInteger.ZERO, 0);
        }
        return new LongDouble(sum.signum() < 0, false, r.mantissa(), r.exponent());
    }

    private BigInteger signed() {
        return negative ? mantissa.negate() : mantissa;
    }

    /** The exact value (finite values only). */
    public BigDecimal toBigDecimal() {
        BigDecimal magnitude;
        if (exponent >= 0) {
            magnitude = new BigDecimal(mantissa.shiftLeft(exponent));
        } else {
            // m * 2^-k == m * 5^k / 10^k
            magnitude = new BigDecimal(mantissa.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
        }
        return negative ? magnitude.negate() : magnitude;
    }

    /**
     * Redis's "human" long double text ({@code ld2string} LD_STR_HUMAN): {@code %.17Lf}, then
     * trailing zeros and a trailing dot removed, and "-0" printed as "0".
     */
    public byte[] toHumanText() {
        if (infinite) {
            return (negative ? "-inf" : "inf").getBytes(StandardCharsets.US_ASCII);
        }
        String fixed = toBigDecimal().setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (negative && mantissa.signum() == 0) {
            fixed = "-" + fixed;
        }
        int end = fixed.length();
        while (fixed.charAt(end - 1) == '0') {
            end--;
        }
        if (fixed.charAt(end - 1) == '.') {
            end--;
        }
        String text = fixed.substring(0, end);
        if (text.equals("-0")) {
            text = "0";
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return new String(toHumanText(), StandardCharsets.US_ASCII);
    }
}
