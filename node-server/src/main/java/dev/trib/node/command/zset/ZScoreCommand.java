package dev.trib.node.command.zset;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** ZSCORE key member: the score as %.17g text ("1.5", "inf"), or nil. */
public record ZScoreCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ZSetValue zset = keyspace.get(request.key(1), ZSetValue.class);
        Double score = zset == null ? null : zset.score(Key.of(request.arg(2)));
        return score == null ? Replies.NULL_BULK : ZSets.score(score);
    }
}
