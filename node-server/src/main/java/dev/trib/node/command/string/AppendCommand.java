package dev.trib.node.command.string;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** APPEND key value: the new length; refuses to grow past proto-max-bulk-len. */
public record AppendCommand(Keyspace keyspace, long maxLength) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Key key = request.key(1);
        byte[] tail = request.arg(2);
        StringValue current = keyspace.get(key, StringValue.class);
        if (current == null) {
            keyspace.add(key, new StringValue(tail));
            return Replies.integer(tail.length);
        }
        if ((long) current.length() + tail.length > maxLength) {
            return Errors.STRING_TOO_LONG;
        }
        current.append(tail);
        return Replies.integer(current.length());
    }
}
