package dev.trib.node.command.geo;

import dev.trib.node.text.LongDouble;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Number formatting of the geo replies, as redis-server's C formatting prints them. */
final class GeoText {
    private GeoText() {
    }

    /** A distance with four decimals (the value times 10^4 rounded half-even, as llrint does). */
    static String distance(double d) {
        if (d == 0) {
            return "0.0000";
        }
        long scaled = Math.round(Math.rint(d * 10000.0));
        boolean negative = scaled < 0;
        String digits = Long.toString(Math.abs(scaled));
        while (digits.length() < 5) {
            digits = "0" + digits;
        }
        int point = digits.length() - 4;
        return (negative ? "-" : "") + digits.substring(0, point) + "." + digits.substring(point);
    }

    /** Redis's human long double text of a coordinate (GEOPOS, WITHCOORD). */
    static String human(double d) {
        return new String(LongDouble.of(d).toHumanText(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** C's "%f": six decimals of the exact binary value; inf and nan as C spells them. */
    static String fixed6(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return d < 0 || (d == 0 && 1 / d < 0) ? (s.startsWith("-") ? s : "-" + s) : s;
    }
}
