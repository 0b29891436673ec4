package dev.trib.node.command.string;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.RespReply;

/** GETSET key value: the old value; the new one is stored without a TTL. */
public record GetSetCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        RespReply previous = GetCommand.valueOf(keyspace, request.arg(1));
        keyspace.set(Key.of(request.arg(1)), new StringValue(request.arg(2)));
        return previous;
    }
}
