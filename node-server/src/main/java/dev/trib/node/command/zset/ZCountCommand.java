package dev.trib.node.command.zset;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ScoreRange;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** ZCOUNT key min max. */
public record ZCountCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ScoreRange range = Ranges.score(request.arg(2), request.arg(3));
        ZSetValue zset = keyspace.get(request.key(1), ZSetValue.class);
        return Replies.integer(zset == null ? 0 : zset.count(range));
    }
}
