package dev.trib.node.command.bitmap;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** GETBIT key offset: the bit, 0 past the end of the string or for a missing key. */
record GetBitCommand(Keyspace keyspace, long maxStringLength) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        long offset = BitOffset.parse(request.arg(2), maxStringLength);
        StringValue value = keyspace.get(request.key(1), StringValue.class);
        return Replies.integer(value == null ? 0 : value.bit(offset));
    }
}
