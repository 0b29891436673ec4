package dev.trib.node.command.zset;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** ZRANK and ZREVRANK key member: 0-based rank, or nil. */
public record ZRankCommand(Keyspace keyspace, boolean reverse) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ZSetValue zset = keyspace.get(request.key(1), ZSetValue.class);
        if (zset == null) {
            return Replies.NULL_BULK;
        }
        long rank = zset.rank(Key.of(request.arg(2)), reverse);
        return rank < 0 ? Replies.NULL_BULK : Replies.integer(rank);
    }
}
