package dev.trib.node.command.hash;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.ArrayReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** HMGET key field [field ...]: a missing key behaves as an empty hash. */
public record HMGetCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        HashValue hash = keyspace.get(request.key(1), HashValue.class);
        List<RespReply> out = new ArrayList<>(request.argc() - 2);
        for (int i = 2; i < request.argc(); i++) {
            out.add(hash == null ? Replies.NULL_BULK : Replies.bulkOrNull(hash.get(Key.of(request.arg(i)))));
        }
        return new ArrayReply(out);
    }
}
