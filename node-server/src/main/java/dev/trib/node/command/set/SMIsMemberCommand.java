package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.ArrayReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** SMISMEMBER key member [member ...]: one 0/1 per member; a missing key is an empty set. */
public record SMIsMemberCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        SetValue set = keyspace.get(request.key(1), SetValue.class);
        List<RespReply> out = new ArrayList<>(request.argc() - 2);
        for (int i = 2; i < request.argc(); i++) {
            out.add(Replies.bool(set != null && set.contains(request.arg(i))));
        }
        return new ArrayReply(out);
    }
}
