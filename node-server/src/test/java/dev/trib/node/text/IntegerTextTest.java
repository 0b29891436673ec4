package dev.trib.node.text;

import static dev.trib.node.support.Resp.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntegerTextTest {
    @Test
    void parsesCanonicalIntegers() {
        assertEquals(0L, IntegerText.parse(latin1("0")));
        assertEquals(-42L, IntegerText.parse(latin1("-42")));
        assertEquals(Long.MAX_VALUE, IntegerText.parse(latin1("9223372036854775807")));
        assertEquals(Long.MIN_VALUE, IntegerText.parse(latin1("-9223372036854775808")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "+1", "01", "-0", " 1", "1 ", "1.0", "9223372036854775808",
        "-9223372036854775809", "123456789012345678901", "1e3", "0x10"})
    void rejectsEverythingElse(String text) {
        assertNull(IntegerText.parse(latin1(text)));
    }

    @Test
    void parsesCursorsLikeStrtoul() {
        assertEquals(0L, IntegerText.parseCursor(latin1("")));
        assertEquals(17L, IntegerText.parseCursor(latin1("17")));
        assertEquals(17L, IntegerText.parseCursor(latin1("+17")));
        assertEquals(-1L, IntegerText.parseCursor(latin1("-1")), "wraps to ULONG_MAX");
        assertEquals(-1L, IntegerText.parseCursor(latin1("18446744073709551615")));
        assertEquals(5L, IntegerText.parseCursor(latin1("5\0junk")), "a C string ends at NUL");
        assertNull(IntegerText.parseCursor(latin1("18446744073709551616")));
        assertNull(IntegerText.parseCursor(latin1(" 1")));
        assertNull(IntegerText.parseCursor(latin1("1x")));
        assertNull(IntegerText.parseCursor(latin1("abc")));
        assertNull(IntegerText.parseCursor(latin1("-")));
    }
}
