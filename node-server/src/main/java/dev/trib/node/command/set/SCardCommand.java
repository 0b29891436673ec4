package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** SCARD key. */
public final class SCardCommand implements Command {
    private final Keyspace keyspace;

    public SCardCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        SetValue set = keyspace.get(request.key(1), SetValue.class);
        return Replies.integer(set == null ? 0 : set.size());
    }
}
