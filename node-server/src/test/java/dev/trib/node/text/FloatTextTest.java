package dev.trib.node.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FloatTextTest {
    private static String g(double d) {
        return new String(FloatText.g17(d), StandardCharsets.US_ASCII);
    }

    private static String lp(double d) {
        return new String(FloatText.listpackScore(d), StandardCharsets.US_ASCII);
    }

    @Test
    void printsLikePercentPoint17g() {
        assertEquals("1.5", g(1.5));
        assertEquals("0.10000000000000001", g(0.1));
        assertEquals("3", g(3));
        assertEquals("-2.5", g(-2.5));
        assertEquals("1e+17", g(1e17));
        assertEquals("10000000000000000", g(1e16));
        assertEquals("1.0000000000000001e-05", g(0.00001));
        assertEquals("0.0001", g(0.0001));
        assertEquals("1.7976931348623157e+308", g(Double.MAX_VALUE));
        assertEquals("4.9406564584124654e-324", g(Double.MIN_VALUE));
        assertEquals("1.2345678901234568e+17", g(123456789012345678.0));
        assertEquals("inf", g(Double.POSITIVE_INFINITY));
        assertEquals("-inf", g(Double.NEGATIVE_INFINITY));
        assertEquals("0", g(0.0));
        assertEquals("-0", g(-0.0));
    }

    @Test
    void listpackScoresPrintIntegralValuesAsIntegers() {
        assertEquals("100000000000000000", lp(1e17));
        assertEquals("1.5", lp(1.5));
        assertEquals("-3", lp(-3));
        assertEquals("9.2233720368547758e+18", lp(9.2233720368547758e18));
        assertEquals("-0", lp(-0.0));
    }
}
