package dev.trib.node.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/** Double-to-text conversions that must match Redis byte for byte. */
public final class FloatText {
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);
    /** Redis's double2ll bound: integral doubles within it print as integers in listpacks. */
    private static final double LISTPACK_INTEGER_BOUND = (double) (Long.MAX_VALUE / 2);

    private FloatText() {
    }

    /**
     * printf("%.17g") as glibc prints it, with Redis's spelling of infinities: how RESP2 replies
     * carry scores (ZSCORE, ZINCRBY, WITHSCORES), e.g. "1.5", "0.10000000000000001", "1e+17", "inf".
     */
    public static byte[] g17(double d) {
        return ascii(g17String(d));
    }

    static String g17String(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal rounded = new BigDecimal(d).round(SEVENTEEN_DIGITS);
        int x = rounded.precision() - rounded.scale() - 1;
        if (x < -4 || x >= 17) {
            BigDecimal unscaled = new BigDecimal(rounded.unscaledValue().abs()).stripTrailingZeros();
            String digits = unscaled.unscaledValue().toString();
            StringBuilder sb = new StringBuilder();
            if (rounded.signum() < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(x < 0 ? '-' : '+');
            int absExp = Math.abs(x);
            if (absExp < 10) {
                sb.append('0');
            }
            return sb.append(absExp).toString();
        }
        String plain = rounded.stripTrailingZeros().toPlainString();
        return plain;
    }

    /**
     * How a score is stored in (and ZSCANned from) a small sorted set's listpack (Redis's
     * {@code d2string}): integral values within ±2^62 print as integers, others like %.17g.
     */
    public static byte[] listpackScore(double d) {
        if (!Double.isNaN(d) && !Double.isInfinite(d) && d != 0
                && d >= -LISTPACK_INTEGER_BOUND && d <= LISTPACK_INTEGER_BOUND && d == Math.rint(d)) {
            return ascii(Long.toString((long) d));
        }
        return g17(d);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
