package dev.trib.node.text;

import static dev.trib.node.support.Resp.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CFloatTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "1, 1.0",
        "-1.5, -1.5",
        "+2, 2.0",
        ".5, 0.5",
        "5., 5.0",
        "1e3, 1000.0",
        "1E-2, 0.01",
        "0x10, 16.0",
        "0x1.8p1, 3.0",
        "0X.8, 0.5",
        "inf, Infinity",
        "-Infinity, -Infinity",
        "0e-999999, 0.0",
        "4.9e-324, 4.9E-324",
        "2.2250738585072011e-308, 2.225073858507201E-308",
        "0.1, 0.1",
        "123456789012345678901234567890, 1.2345678901234568E29",
    })
    void parsesStrictDoubles(String text, double expected) {
        assertEquals(expected, CFloat.parseStrictDouble(latin1(text)));
    }

    /** Short plain decimals take a fast path; it must agree with correct rounding (Java's parser rounds correctly too). */
    @Test
    void shortPlainDecimalsRoundAsTheGeneralPath() {
        java.util.Random random = new java.util.Random(17);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(17);
            int point = random.nextInt(digits + 2) - 1;
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    text.append('.');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            String t = text.toString();
            assertEquals(Double.parseDouble(t), CFloat.parseStrictDouble(latin1(t)), t);
        }
        assertEquals(-0.0, CFloat.parseStrictDouble(latin1("-0")));
        assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(CFloat.parseStrictDouble(latin1("-0.0"))));
        assertEquals(9.99999999999999E14, CFloat.parseStrictDouble(latin1("999999999999999")));
        assertEquals(1e-15, CFloat.parseStrictDouble(latin1(".000000000000001")));
        assertNull(CFloat.parseStrictDouble(latin1(".")));
        assertNull(CFloat.parseStrictDouble(latin1("-")));
        assertNull(CFloat.parseStrictDouble(latin1("1.2.3")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 1", "1 ", "nan", "NaN(123)", "1e", "0x", "abc", "1e400", "-1e400", "1e-400",
        "1.2.3", "--1", "infinit"})
    void rejectsWhatString2dRejects(String text) {
        assertNull(CFloat.parseStrictDouble(latin1(text)));
    }

    @Test
    void lenientParsingIsStrtodOnACString() {
        assertEquals(0.0, CFloat.parseLenientDouble(latin1(""), 0));
        assertEquals(1.0, CFloat.parseLenientDouble(latin1(" 1"), 0));
        assertEquals(2.0, CFloat.parseLenientDouble(latin1("(2"), 1));
        assertEquals(Double.POSITIVE_INFINITY, CFloat.parseLenientDouble(latin1("1e400"), 0));
        assertEquals(3.0, CFloat.parseLenientDouble(latin1("3\0x"), 0));
        assertNull(CFloat.parseLenientDouble(latin1(" "), 0));
        assertNull(CFloat.parseLenientDouble(latin1("1 "), 0));
        assertNull(CFloat.parseLenientDouble(latin1("nan"), 0));
    }

    @Test
    void roundsHalfwayCasesToEven() {
        // 2^53 + 1 is exactly halfway between two doubles: ties go to the even one, 2^53.
        assertEquals(9007199254740992.0, CFloat.parseStrictDouble(latin1("9007199254740993")));
        assertEquals(9007199254740996.0, CFloat.parseStrictDouble(latin1("9007199254740995")));
        // Just above halfway must round up even when the excess is far down the digits.
        assertEquals(9007199254740994.0, CFloat.parseStrictDouble(latin1("9007199254740993.00000000000000000001")));
    }
}
