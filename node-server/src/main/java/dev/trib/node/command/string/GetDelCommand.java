package dev.trib.node.command.string;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.RespReply;

/** GETDEL key: the value, and the key is gone. */
public record GetDelCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        RespReply value = GetCommand.valueOf(keyspace, request.arg(1));
        return keyspace.delete(Key.of(request.arg(1))) ? value : request.unchanged(value);
    }
}
