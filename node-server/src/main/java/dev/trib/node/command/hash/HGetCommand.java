package dev.trib.node.command.hash;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** HGET key field. */
public record HGetCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        HashValue hash = keyspace.get(request.key(1), HashValue.class);
        return hash == null ? Replies.NULL_BULK : Replies.bulkOrNull(hash.get(Key.of(request.arg(2))));
    }
}
