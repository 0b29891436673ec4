package dev.trib.node.command.bitmap;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * BITPOS key 0|1 [start [end [BYTE|BIT]]]: the first bit with that value in the range, -1 when there is none. A
 * missing key is all zeros; without an end the string counts as followed by zeros, so a clear bit is always found.
 */
record BitPosCommand(Keyspace keyspace) implements Command {
    private static final ErrorReply NOT_A_BIT = new ErrorReply("ERR The bit argument must be 1 or 0.");

    @Override
    public RespReply execute(CommandRequest request) {
        long bit = Args.toLong(request.arg(2));
        if (bit != 0 && bit != 1) {
            return NOT_A_BIT;
        }
        StringValue value = keyspace.get(request.key(1), StringValue.class);
        if (value == null) {
            return Replies.integer(bit == 1 ? -1 : 0);
        }
        BitRange range;
        boolean endGiven = request.argc() >= 5;
        if (request.argc() >= 4 && request.argc() <= 6) {
            long start = BitRange.number(request, 3);
            boolean bits = BitRange.inBits(request, 5);
            long end = endGiven ? BitRange.number(request, 4) : value.length() - 1L;
            range = BitRange.of(start, end, bits, value.length());
        } else if (request.argc() == 3) {
            range = BitRange.all(value.length());
        } else {
            return Errors.SYNTAX;
        }
        if (range.isEmpty()) {
            return Replies.MINUS_ONE;
        }
        byte[] bytes = value.bytes();
        int skip = bit == 1 ? 0 : 0xff; // a whole byte that cannot hold the bit sought
        for (long b = range.first(); b <= range.last(); ) {
            if ((b & 7) == 0 && b + 7 <= range.last() && (bytes[(int) (b >>> 3)] & 0xff) == skip) {
                b += 8;
            } else if (value.bit(b) == bit) {
                return Replies.integer(b);
            } else {
                b++;
            }
        }
        // Not found: a clear bit is the one just past the string unless the caller bounded the range.
        return Replies.integer(bit == 1 || endGiven ? -1 : range.last() + 1);
    }
}
