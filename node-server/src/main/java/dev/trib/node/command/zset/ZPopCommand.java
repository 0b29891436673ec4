package dev.trib.node.command.zset;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.command.RedisError;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.PairsReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * ZPOPMIN / ZPOPMAX key [count]: removes and returns the lowest (highest) members with their scores, as one flat
 * array; the key goes away with its last member. A count below 0 is refused, 0 pops nothing.
 */
public record ZPopCommand(Keyspace keyspace, boolean max) implements Command {
    public static ZPopCommand zpopmin(Keyspace ks) {
        return new ZPopCommand(ks, false);
    }

    public static ZPopCommand zpopmax(Keyspace ks) {
        return new ZPopCommand(ks, true);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 3) {
            return Errors.SYNTAX;
        }
        long count = 1;
        if (request.argc() == 3) {
            // Redis reads the count as a positive number: any bad count, not only a negative one, gets this text.
            try {
                count = Args.toLong(request.arg(2));
            } catch (RedisError e) {
                return Errors.NOT_POSITIVE;
            }
            if (count < 0) {
                return Errors.NOT_POSITIVE;
            }
        }
        Key key = request.key(1);
        ZSetValue zset = keyspace.get(key, ZSetValue.class);
        if (zset == null || count == 0) {
            return request.unchanged(Replies.EMPTY_ARRAY);
        }
        List<RespReply> out = new ArrayList<>();
        pop(keyspace, key, zset, count, max, (member, score) -> {
            out.add(new BulkReply(member.bytes()));
            out.add(ZSets.score(score));
        });
        // With a count, even 1, RESP3 gets [member, score] pairs; without one, the pair itself.
        return request.argc() == 3 ? new PairsReply(out) : Replies.array(out);
    }

    /** Pops up to count lowest (highest) members (ZPOPMIN/MAX, ZMPOP); the key goes away with its last member. */
    static void pop(Keyspace keyspace, Key key, ZSetValue zset, long count, boolean max, BiConsumer<Key, Double> out) {
        while (count-- > 0 && zset.size() > 0) {
            ScoreTree.Node node = max ? zset.last() : zset.first();
            Key member = node.member();
            double score = node.score();
            zset.remove(member);
            out.accept(member, score);
        }
        if (zset.size() == 0) {
            keyspace.delete(key);
        }
    }
}
