package dev.trib.node.command.string;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.ArrayReply;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** MGET key [key ...]: nil for missing keys and for keys of other types (never WRONGTYPE). */
public record MGetCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        List<RespReply> out = new ArrayList<>(request.argc() - 1);
        for (int i = 1; i < request.argc(); i++) {
            RedisValue v = keyspace.get(request.key(i));
            out.add(v instanceof StringValue s ? new BulkReply(s.bytes()) : Replies.NULL_BULK);
        }
        return new ArrayReply(out);
    }
}
