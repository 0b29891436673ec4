package dev.trib.node.command.hash;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** HSTRLEN key field: the length of the field's value, 0 when the field or the key is missing. */
public record HStrLenCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        HashValue hash = keyspace.get(request.key(1), HashValue.class);
        byte[] value = hash == null ? null : hash.get(request.key(2));
        return Replies.integer(value == null ? 0 : value.length);
    }
}
