package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.ElementRemoval;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.RespReply;

/** SREM key member [member ...]: members removed; the key goes away with its last member. */
public record SRemCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return ElementRemoval.remove(keyspace, request, SetValue.class, SetValue::remove, SetValue::size);
    }
}
