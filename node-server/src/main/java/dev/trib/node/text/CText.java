package dev.trib.node.text;

import java.nio.charset.StandardCharsets;

/** Helpers for places where Redis treats an argument as a NUL-terminated C string. */
public final class CText {
    private CText() {
    }

    /** Length up to the first NUL byte, as strlen() would see it. */
    public static int cLength(byte[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                return i;
            }
        }
        return s.length;
    }

    /** C isspace() in the C locale. */
    public static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    /** What printf's {@code %.Ns} prints for the argument: bytes up to the first NUL, at most {@code max}. */
    public static String printed(byte[] s, int max) {
        int len = Math.min(cLength(s), Math.max(0, max));
        return new String(s, 0, len, StandardCharsets.ISO_8859_1);
    }

    /**
     * ASCII case-insensitive comparison with a lower-case literal, like {@code strcasecmp() == 0}:
     * the argument is a C string, so anything after a NUL byte is not compared.
     */
    public static boolean equalsIgnoreCase(byte[] arg, String lowerLiteral) {
        int len = cLength(arg);
        if (len != lowerLiteral.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            int c = arg[i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerLiteral.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
