package dev.trib.node.command.hash;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** HSETNX key field value: 1 when the field was created, 0 when it already existed. */
public record HSetNxCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        HashValue hash = Hashes.getOrCreate(keyspace, request.key(1));
        Key field = Key.of(request.arg(2));
        if (hash.contains(field)) {
            return request.changes(0);
        }
        hash.prepareFor(Math.max(request.arg(2).length, request.arg(3).length));
        hash.put(field, request.arg(3));
        return Replies.ONE;
    }
}
