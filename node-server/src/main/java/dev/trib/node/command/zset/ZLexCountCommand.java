package dev.trib.node.command.zset;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.LexRange;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** ZLEXCOUNT key min max: members between two lexicographic bounds ({@code [a}, {@code (a}, {@code -}, {@code +}). */
public record ZLexCountCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        LexRange range = Ranges.lex(request.arg(2), request.arg(3));
        ZSetValue zset = keyspace.get(request.key(1), ZSetValue.class);
        return Replies.integer(zset == null ? 0 : zset.countLex(range));
    }
}
