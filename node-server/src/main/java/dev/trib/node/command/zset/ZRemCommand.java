package dev.trib.node.command.zset;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.ElementRemoval;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.RespReply;

/** ZREM key member [member ...]: members removed; the key goes away with its last member. */
public record ZRemCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return ElementRemoval.remove(keyspace, request, ZSetValue.class, (z, member) -> z.remove(Key.of(member)), ZSetValue::size);
    }
}
