package dev.trib.node.command.string;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** STRLEN key. */
public final class StrLenCommand implements Command {
    private final Keyspace keyspace;

    public StrLenCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        StringValue value = keyspace.get(request.key(1), StringValue.class);
        return Replies.integer(value == null ? 0 : value.length());
    }
}
