package dev.trib.node.command.string;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** SETNX key value: 1 when set, 0 when the key already existed. */
public record SetNxCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return SetCommand.set(keyspace, request.propagation(), "setnx", request.arg(1), request.arg(2), SetCommand.NX, null,
                Replies.ONE, Replies.ZERO);
    }
}
