package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** SISMEMBER key member. */
public record SIsMemberCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        SetValue set = keyspace.get(request.key(1), SetValue.class);
        return Replies.bool(set != null && set.contains(request.arg(2)));
    }
}
