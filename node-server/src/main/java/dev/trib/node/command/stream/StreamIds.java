package dev.trib.node.command.stream;

import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.resp.ErrorReply;
import java.nio.charset.StandardCharsets;

/**
 * Stream IDs as clients write them, read as Redis's streamGenericParseIDOrReply reads them: "-" and "+" (unless
 * strict), "ms" with a default sequence, "ms-seq", and for XADD "ms-*". Each part goes through string2ull, which
 * falls back to strtoull: blanks before, a sign and leading zeros are accepted there. The argument is a C string to
 * Redis, so it ends at its first NUL byte.
 */
final class StreamIds {
    static final ErrorReply INVALID = new ErrorReply("ERR Invalid stream ID specified as stream command argument");

    /** An XADD ID: the ID and whether its sequence was given (false for "ms-*"). */
    record Given(StreamId id, boolean seqGiven) {
    }

    private StreamIds() {
    }

    /** A plain ID ("-" and "+" allowed), else the invalid-ID error. */
    static StreamId parse(byte[] arg, long missingSeq) {
        Given g = parse(arg, missingSeq, false, false);
        if (g == null) {
            throw Errors.fail(INVALID);
        }
        return g.id;
    }

    /** A strict ID ("-" and "+" refused), else the invalid-ID error. */
    static StreamId parseStrict(byte[] arg) {
        StreamId id = parseStrictOrNull(arg);
        if (id == null) {
            throw Errors.fail(INVALID);
        }
        return id;
    }

    static StreamId parseStrictOrNull(byte[] arg) {
        Given g = parse(arg, 0, true, false);
        return g == null ? null : g.id;
    }

    /** XADD's explicit ID, "ms-*" included. */
    static Given parseForAdd(byte[] arg) {
        Given g = parse(arg, 0, true, true);
        if (g == null) {
            throw Errors.fail(INVALID);
        }
        return g;
    }

    /**
     * A range bound: "(" before a strict ID makes it exclusive, then moved one step inwards (the error when there is
     * no step to take says which bound).
     */
    static StreamId bound(byte[] arg, boolean start) {
        boolean exclusive = arg.length > 1 && arg[0] == '(';
        long missingSeq = start ? 0 : -1;
        if (!exclusive) {
            return parse(arg, missingSeq);
        }
        byte[] rest = new byte[arg.length - 1];
        System.arraycopy(arg, 1, rest, 0, rest.length);
        Given g = parse(rest, missingSeq, true, false);
        if (g == null) {
            throw Errors.fail(INVALID);
        }
        StreamId moved = start ? g.id.next() : g.id.previous();
        if (moved == null) {
            throw Errors.fail(new ErrorReply(start ? "ERR invalid start ID for the interval"
                    : "ERR invalid end ID for the interval"));
        }
        return moved;
    }

    private static Given parse(byte[] arg, long missingSeq, boolean strict, boolean forAdd) {
        if (arg.length > 127) {
            return null;
        }
        String s = cString(arg);
        if (strict && (s.equals("-") || s.equals("+"))) {
            return null;
        }
        if (s.equals("-")) {
            return new Given(StreamId.MIN, true);
        }
        if (s.equals("+")) {
            return new Given(StreamId.MAX, true);
        }
        int dash = s.indexOf('-');
        Long ms = string2ull(dash < 0 ? s : s.substring(0, dash));
        if (ms == null) {
            return null;
        }
        if (dash < 0) {
            return new Given(new StreamId(ms, missingSeq), true);
        }
        String rest = s.substring(dash + 1);
        if (forAdd && rest.equals("*")) {
            return new Given(new StreamId(ms, 0), false);
        }
        Long seq = string2ull(rest);
        return seq == null ? null : new Given(new StreamId(ms, seq), true);
    }

    /** The bytes up to the first NUL, one char per byte. */
    static String cString(byte[] arg) {
        int end = 0;
        while (end < arg.length && arg[end] != 0) {
            end++;
        }
        return new String(arg, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** Redis's string2ull: a canonical non-negative long, else C's strtoull over the whole text (unsigned). */
    private static Long string2ull(String s) {
        Long v = dev.trib.node.text.IntegerText.parse(s.getBytes(StandardCharsets.ISO_8859_1));
        if (v != null) {
            return v < 0 ? null : v;
        }
        int i = 0;
        while (i < s.length() && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            int d = s.charAt(i) - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                overflow = true;
            }
            value = value * 10 + d;
            i++;
        }
        if (s.isEmpty() || i == digitsStart || i != s.length() || overflow) {
            return null;
        }
        return negative ? -value : value;
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
