package dev.trib.node.text;

import static dev.trib.node.support.Resp.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LongDoubleTest {
    private static String add(String a, String b) {
        return LongDouble.parse(latin1(a)).add(LongDouble.parse(latin1(b))).toString();
    }

    @Test
    void addsLikeX87LongDoubleAndPrintsLikeRedis() {
        assertEquals("10.6", add("10.50", "0.1"));
        assertEquals("5.6", add("10.6", "-5"));
        assertEquals("5200", add("5.0e3", "2.0e2"));
        assertEquals("0.3", add("0.1", "0.2"));
        assertEquals("3", add("1", "2"));
        assertEquals("0", add("1.5", "-1.5"));
        assertEquals("17", add("0x10", "1"));
        assertEquals("100000000000000000000", add("1e20", "0"));
    }

    @Test
    void seventeenDecimalsAreKept() {
        assertEquals("0.00000000000000001", add("0.00000000000000001", "0"));
        assertEquals("0", add("0.000000000000000001", "0"), "below 17 decimals prints as 0");
    }

    @Test
    void rejectsWhatString2ldRejects() {
        assertNull(LongDouble.parse(latin1("")));
        assertNull(LongDouble.parse(latin1(" 1")));
        assertNull(LongDouble.parse(latin1("abc")));
        assertNull(LongDouble.parse(latin1("nan")));
        assertNull(LongDouble.parse(latin1("1e99999")));
        assertTrue(LongDouble.parse(latin1("inf")).isInfinite());
        assertTrue(LongDouble.parse(latin1("1e4000")) != null, "long double reaches 1e4932");
    }

    @Test
    void infinitiesOfOppositeSignsGiveNaN() {
        assertNull(LongDouble.parse(latin1("inf")).add(LongDouble.parse(latin1("-inf"))));
    }
}
