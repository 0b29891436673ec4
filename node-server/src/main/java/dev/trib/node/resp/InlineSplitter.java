package dev.trib.node.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line into arguments with the rules of Redis's {@code sdssplitargs}:
 * blanks separate arguments; "double quotes" understand \xHH, \n, \r, \t, \b, \a and \\-escapes;
 * 'single quotes' only understand \'; a closing quote must be followed by a blank or the end.
 * The line is treated as a C string, so a NUL byte ends it.
 */
final class InlineSplitter {
    private InlineSplitter() {
    }

    /** @return the arguments, or {@code null} for unbalanced quotes */
    static List<byte[]> split(byte[] line) {
        List<byte[]> args = new ArrayList<>();
        int p = 0;
        while (true) {
            while (at(line, p) != 0 && isSpace(at(line, p))) {
                p++;
            }
            if (at(line, p) == 0) {
                return args;
            }
            int quote = 0; // the open quote character, or 0 outside quotes
            boolean done = false;
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            while (!done) {
                int c = at(line, p);
                if (quote == 0) {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"', '\'' -> quote = c;
                        default -> current.write(c);
                    }
                } else if (quote == '"' && c == '\\' && at(line, p + 1) == 'x' && isHex(at(line, p + 2))
                        && isHex(at(line, p + 3))) {
                    current.write(hex(at(line, p + 2)) * 16 + hex(at(line, p + 3)));
                    p += 3;
                } else if (quote == '"' && c == '\\' && at(line, p + 1) != 0) {
                    p++;
                    current.write(unescape(at(line, p)));
                } else if (quote == '\'' && c == '\\' && at(line, p + 1) == '\'') {
                    p++;
                    current.write('\'');
                } else if (c == quote) {
                    if (at(line, p + 1) != 0 && !isSpace(at(line, p + 1))) {
                        return null;
                    }
                    done = true;
                } else if (c == 0) {
                    return null;
                } else {
                    current.write(c);
                }
                if (at(line, p) != 0) {
                    p++;
                }
            }
            args.add(current.toByteArray());
        }
    }

    /** The byte at {@code i} as unsigned, or 0 past the end (the C string terminator). */
    private static int at(byte[] s, int i) {
        return i < s.length ? s[i] & 0xff : 0;
    }

    /** C isspace() in the C locale. */
    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hex(int c) {
        if (c <= '9') {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> c;
        };
    }
}
