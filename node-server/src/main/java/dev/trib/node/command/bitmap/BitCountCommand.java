package dev.trib.node.command.bitmap;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** BITCOUNT key [start end [BYTE|BIT]]: how many bits are set in the range (the whole string without one). */
record BitCountCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        StringValue value = keyspace.get(request.key(1), StringValue.class);
        if (value == null) {
            return Replies.ZERO; // as redis-server 7.0: before the arguments are looked at
        }
        BitRange range;
        if (request.argc() == 4 || request.argc() == 5) {
            long start = BitRange.number(request, 2);
            long end = BitRange.number(request, 3);
            boolean bits = BitRange.inBits(request, 4);
            if (start < 0 && end < 0 && start > end) {
                return Replies.ZERO;
            }
            range = BitRange.of(start, end, bits, value.length());
        } else if (request.argc() == 2) {
            range = BitRange.all(value.length());
        } else {
            return Errors.SYNTAX;
        }
        if (range.isEmpty()) {
            return Replies.ZERO;
        }
        byte[] bytes = value.bytes();
        long count = 0;
        for (long b = range.first(); b <= range.last(); ) {
            if ((b & 7) == 0 && b + 7 <= range.last()) {
                count += Integer.bitCount(bytes[(int) (b >>> 3)] & 0xff);
                b += 8;
            } else {
                count += value.bit(b);
                b++;
            }
        }
        return Replies.integer(count);
    }
}
