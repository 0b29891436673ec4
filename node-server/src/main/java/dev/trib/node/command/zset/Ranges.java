package dev.trib.node.command.zset;

import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.LexRange;
import dev.trib.node.keyspace.ScoreRange;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.text.CFloat;
import java.util.Arrays;

/** Parsing of score and lex interval arguments, with Redis's error texts. */
final class Ranges {
    static final ErrorReply NOT_A_FLOAT = new ErrorReply("ERR min or max is not a float");
    static final ErrorReply NOT_A_LEX_ITEM = new ErrorReply("ERR min or max not valid string range item");

    private Ranges() {
    }

    /** "(" prefixes an exclusive end; the text is read like strtod (blanks before, "inf", "" is 0). */
    static ScoreRange score(byte[] min, byte[] max) {
        Bound lo = scoreBound(min);
        Bound hi = scoreBound(max);
        if (lo == null || hi == null) {
            throw Errors.fail(NOT_A_FLOAT);
        }
        return new ScoreRange(lo.value, lo.exclusive, hi.value, hi.exclusive);
    }

    private record Bound(double value, boolean exclusive) {
    }

    private static Bound scoreBound(byte[] text) {
        boolean exclusive = text.length > 0 && text[0] == '(';
        Double v = CFloat.parseLenientDouble(text, exclusive ? 1 : 0);
        return v == null ? null : new Bound(v, exclusive);
    }

    static LexRange lex(byte[] min, byte[] max) {
        LexRange.Bound lo = lexBound(min);
        LexRange.Bound hi = lexBound(max);
        if (lo == null || hi == null) {
            throw Errors.fail(NOT_A_LEX_ITEM);
        }
        return new LexRange(lo, hi);
    }

    private static LexRange.Bound lexBound(byte[] text) {
        if (text.length == 0) {
            return null;
        }
        return switch (text[0]) {
            case '+' -> text.length == 1 ? LexRange.Bound.PLUS : null;
            case '-' -> text.length == 1 ? LexRange.Bound.MINUS : null;
            case '(' -> new LexRange.Bound(LexRange.Kind.VALUE, Key.of(Arrays.copyOfRange(text, 1, text.length)), true);
            case '[' -> new LexRange.Bound(LexRange.Kind.VALUE, Key.of(Arrays.copyOfRange(text, 1, text.length)), false);
            default -> null;
        };
    }
}
