package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.List;

/** SUNION and SDIFF key [key ...]: missing keys are empty sets. */
public record SUnionDiffCommand(Keyspace keyspace, boolean difference) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        List<SetValue> sets = Sets.lookup(keyspace, request, 1);
        SetValue result = difference ? Sets.difference(sets) : Sets.union(sets);
        return Replies.set(result.members());
    }
}
