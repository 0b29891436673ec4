package dev.trib.node.command;

import dev.trib.node.text.CFloat;
import dev.trib.node.text.IntegerText;
import dev.trib.node.text.LongDouble;

/** Argument parsing with the error replies Redis's getXxxFromObjectOrReply helpers give. */
public final class Args {
    private Args() {
    }

    public static long toLong(byte[] arg) {
        Long v = IntegerText.parse(arg);
        if (v == null) {
            throw Errors.fail(Errors.NOT_INTEGER);
        }
        return v;
    }

    /** 0..Long.MAX_VALUE, else "value is out of range, must be positive". */
    public static long toNonNegativeLong(byte[] arg) {
        long v = toLong(arg);
        if (v < 0) {
            throw Errors.fail(Errors.NOT_POSITIVE);
        }
        return v;
    }

    /** A count of zero or more; anything else (not a number, negative) is refused with the command's own error. */
    public static long toNonNegativeLong(byte[] arg, dev.trib.node.resp.ErrorReply error) {
        Long v = dev.trib.node.text.IntegerText.parse(arg);
        if (v == null || v < 0) {
            throw Errors.fail(error);
        }
        return v;
    }

    public static long toLongInRange(byte[] arg, long min, long max) {
        long v = toLong(arg);
        if (v < min || v > max) {
            throw Errors.fail(Errors.valueOutOfRange(min, max));
        }
        return v;
    }

    public static int toInt(byte[] arg) {
        return (int) toLongInRange(arg, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A score or float argument (strict: no blanks, no NaN, no overflow). */
    public static double toDouble(byte[] arg) {
        Double v = CFloat.parseStrictDouble(arg);
        if (v == null) {
            throw Errors.fail(Errors.NOT_FLOAT);
        }
        return v;
    }

    public static LongDouble toLongDouble(byte[] arg) {
        LongDouble v = LongDouble.parse(arg);
        if (v == null) {
            throw Errors.fail(Errors.NOT_FLOAT);
        }
        return v;
    }

    /** SCAN-family cursor: "invalid cursor" on bad input. */
    public static long toCursor(byte[] arg) {
        Long v = IntegerText.parseCursor(arg);
        if (v == null) {
            throw Errors.fail(Errors.INVALID_CURSOR);
        }
        return v;
    }
}
