package dev.trib.node.command.hash;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.ElementRemoval;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.RespReply;

/** HDEL key field [field ...]: fields removed; the key goes away with its last field. */
public record HDelCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return ElementRemoval.remove(keyspace, request, HashValue.class, (h, field) -> h.remove(Key.of(field)), HashValue::size);
    }
}
