package dev.trib.node.command.bitmap;

import dev.trib.node.command.Args;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;

/**
 * The start/end range of BITCOUNT and BITPOS in bytes, or in bits with BIT, turned into the first and last bit it
 * covers as Redis does: negative indexes count from the end, both clamp into the string.
 *
 * @param first the first bit, or -1 when the range is empty
 * @param last  the last bit
 */
record BitRange(long first, long last) {
    static final BitRange EMPTY = new BitRange(-1, -1);

    /** The whole string. */
    static BitRange all(int length) {
        return length == 0 ? EMPTY : new BitRange(0, (long) length * 8 - 1);
    }

    /** Whether the unit keyword at this index says bits; a word other than BIT/BYTE is a syntax error. */
    static boolean inBits(CommandRequest request, int index) {
        if (index >= request.argc() || request.argIs(index, "byte")) {
            return false;
        }
        if (request.argIs(index, "bit")) {
            return true;
        }
        throw Errors.fail(Errors.SYNTAX);
    }

    /** start and end in bytes or bits over a string of {@code length} bytes. */
    static BitRange of(long start, long end, boolean bits, int length) {
        long total = bits ? (long) length * 8 : length;
        if (start < 0) {
            start = Math.max(0, total + start);
        }
        if (end < 0) {
            end = Math.max(0, total + end);
        }
        end = Math.min(end, total - 1);
        if (start > end) {
            return EMPTY;
        }
        return bits ? new BitRange(start, end) : new BitRange(start * 8, end * 8 + 7);
    }

    static long number(CommandRequest request, int index) {
        return Args.toLong(request.arg(index));
    }

    boolean isEmpty() {
        return first < 0;
    }
}
