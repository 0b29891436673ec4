package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.List;

/** SINTER key [key ...], and SMEMBERS key (an intersection of one set, as in Redis). */
public record SInterCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        List<SetValue> sets = Sets.lookup(keyspace, request, 1);
        if (sets.contains(null)) {
            return Replies.EMPTY_SET;
        }
        return Replies.set(Sets.intersection(sets));
    }
}
