package dev.trib.node.command.list;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** LLEN key. */
public final class LLenCommand implements Command {
    private final Keyspace keyspace;

    public LLenCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        ListValue list = keyspace.get(request.key(1), ListValue.class);
        return Replies.integer(list == null ? 0 : list.size());
    }
}
