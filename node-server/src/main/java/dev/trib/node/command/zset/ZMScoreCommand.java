package dev.trib.node.command.zset;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** ZMSCORE key member [member ...]: each member's score as ZSCORE prints it, or nil. */
public record ZMScoreCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ZSetValue zset = keyspace.get(request.key(1), ZSetValue.class);
        List<RespReply> out = new ArrayList<>(request.argc() - 2);
        for (int i = 2; i < request.argc(); i++) {
            Double score = zset == null ? null : zset.score(Key.of(request.arg(i)));
            out.add(score == null ? Replies.NULL_BULK : ZSets.score(score));
        }
        return Replies.array(out);
    }
}
