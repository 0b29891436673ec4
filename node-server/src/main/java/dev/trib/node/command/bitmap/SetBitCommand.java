package dev.trib.node.command.bitmap;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;

/** SETBIT key offset 0|1: sets or clears the bit (growing the string with zero bytes); the bit's previous value. */
record SetBitCommand(Keyspace keyspace, long maxStringLength) implements Command {
    private static final ErrorReply NOT_A_BIT = new ErrorReply("ERR bit is not an integer or out of range");

    @Override
    public RespReply execute(CommandRequest request) {
        long offset = BitOffset.parse(request.arg(2), maxStringLength);
        Long on = IntegerText.parse(request.arg(3));
        if (on == null || (on & ~1L) != 0) {
            return NOT_A_BIT;
        }
        Key key = request.key(1);
        StringValue value = keyspace.get(key, StringValue.class);
        if (value == null) {
            value = new StringValue(new byte[0]);
            keyspace.add(key, value);
        }
        return Replies.integer(value.setBit(offset, on == 1));
    }
}
