package dev.trib.node.command.bitmap;

import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.text.IntegerText;

/** A bit offset argument of SETBIT and GETBIT: a number addressing a byte below proto-max-bulk-len. */
final class BitOffset {
    private static final ErrorReply INVALID = new ErrorReply("ERR bit offset is not an integer or out of range");

    private BitOffset() {
    }

    static long parse(byte[] arg, long maxStringLength) {
        Long offset = IntegerText.parse(arg);
        if (offset == null || offset < 0 || (offset >> 3) >= maxStringLength) {
            throw Errors.fail(INVALID);
        }
        return offset;
    }
}
