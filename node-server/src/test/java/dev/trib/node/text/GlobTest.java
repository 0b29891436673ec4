package dev.trib.node.text;

import static dev.trib.node.support.Resp.latin1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "*, anything, true",
        "*, '', false",
        "h?llo, hello, true",
        "h?llo, hllo, false",
        "h*llo, heeeello, true",
        "h*llo, hllo, true",
        "h[ae]llo, hallo, true",
        "h[ae]llo, hillo, false",
        "h[^e]llo, hallo, true",
        "h[^e]llo, hello, false",
        "h[a-b]llo, hbllo, true",
        "h[b-a]llo, hallo, true",
        "h[a-b]llo, hcllo, false",
        "a\\*b, a*b, true",
        "a\\*b, axb, false",
        "a[\\]]b, a]b, true",
        "user:*, user:1000, true",
        "user:*, users:1, false",
        "*:*:*, a:b:c, true",
        "a*, '', false",
        "'', '', true",
        "'', a, false",
        "ab[c, abc, true",
        "ab[, ab, false",
        "a**b, ab, true",
        "foo*bar*baz, foobarbaz, true",
        "foo*bar*baz, foobazbar, false",
        "a\\, a, false",
    })
    void matchesLikeRedis(String pattern, String string, boolean expected) {
        // Note "*" does not match "" here: KEYS and SCAN special-case "*" before matching, as Redis does.
        assertEquals(expected, Glob.matches(latin1(pattern), latin1(string)));
    }

    @Test
    void pathologicalPatternsStayFast() {
        String text = "a".repeat(60);
        String pattern = "a*".repeat(30) + "b";
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertEquals(false, Glob.matches(latin1(pattern), latin1(text))));
    }

    @Test
    void comparesBytesAsSignedCharsInRanges() {
        // On x86 char is signed: a range written [\x01-\xff] runs from -1 to 1 and excludes 'a'.
        byte[] pattern = {'[', 1, '-', (byte) 0xff, ']'};
        assertEquals(false, Glob.matches(pattern, latin1("a")));
        assertEquals(true, Glob.matches(pattern, new byte[] {(byte) 0xff}));
    }
}
