package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.RespReply;

/** PERSIST key: 1 when a TTL was removed. */
public record PersistCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return request.changes(keyspace.persist(request.key(1)) ? 1 : 0);
    }
}
