package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.List;

/** SUNION and SDIFF key [key ...]: missing keys are empty sets. */
public final class SUnionDiffCommand implements Command {
    private final Keyspace keyspace;
    private final boolean difference;

    public SUnionDiffCommand(Keyspace keyspace, boolean difference) {
        this.keyspace = keyspace;
        this.difference = difference;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        List<SetValue> sets = Sets.lookup(keyspace, request, 1);
        SetValue result = difference ? Sets.difference(sets) : Sets.union(sets);
        return Replies.bulks(result.members());
    }
}
