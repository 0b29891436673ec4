package dev.trib.node.command.string;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** SETRANGE key offset value: overwrites from offset, zero-padding; answers the new length. */
public record SetRangeCommand(Keyspace keyspace, long maxLength) implements Command {
    private static final ErrorReply OFFSET_OUT_OF_RANGE = new ErrorReply("ERR offset is out of range");

    @Override
    public RespReply execute(CommandRequest request) {
        long offset = Args.toLong(request.arg(2));
        if (offset < 0) {
            return OFFSET_OUT_OF_RANGE;
        }
        Key key = request.key(1);
        byte[] data = request.arg(3);
        StringValue current = keyspace.get(key, StringValue.class);
        if (current == null) {
            if (data.length == 0) {
                return Replies.ZERO;
            }
            if (offset + data.length > maxLength) {
                return Errors.STRING_TOO_LONG;
            }
            StringValue created = new StringValue(new byte[0]);
            created.setRange((int) offset, data);
            keyspace.add(key, created);
            return Replies.integer(created.length());
        }
        if (data.length == 0) {
            return Replies.integer(current.length());
        }
        if (offset + data.length > maxLength) {
            return Errors.STRING_TOO_LONG;
        }
        current.setRange((int) offset, data);
        return Replies.integer(current.length());
    }
}
