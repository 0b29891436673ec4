package dev.trib.node.command.zset;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.IndexRange;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.LexRange;
import dev.trib.node.keyspace.ScoreRange;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * ZREMRANGEBYRANK key start stop, ZREMRANGEBYSCORE key min max, ZREMRANGEBYLEX key min max: removes the members in
 * the range (ranks as ZRANGE reads them, negative from the end) and returns how many; the key goes away with its last
 * member. The range is checked before the key is looked up, as Redis does.
 */
public final class ZRemRangeCommand implements Command {
    private enum By { RANK, SCORE, LEX }

    private final Keyspace keyspace;
    private final By by;

    private ZRemRangeCommand(Keyspace keyspace, By by) {
        this.keyspace = keyspace;
        this.by = by;
    }

    public static ZRemRangeCommand byRank(Keyspace ks) {
        return new ZRemRangeCommand(ks, By.RANK);
    }

    public static ZRemRangeCommand byScore(Keyspace ks) {
        return new ZRemRangeCommand(ks, By.SCORE);
    }

    public static ZRemRangeCommand byLex(Keyspace ks) {
        return new ZRemRangeCommand(ks, By.LEX);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexRange lex = null;
        switch (by) {
            case RANK -> {
                start = Args.toLong(request.arg(2));
                end = Args.toLong(request.arg(3));
            }
            case SCORE -> scores = Ranges.score(request.arg(2), request.arg(3));
            case LEX -> lex = Ranges.lex(request.arg(2), request.arg(3));
            default -> throw new IllegalStateException();
        }
        Key key = request.key(1);
        ZSetValue zset = keyspace.get(key, ZSetValue.class);
        if (zset == null) {
            return request.unchanged(Replies.ZERO);
        }
        List<Key> doomed = new ArrayList<>();
        switch (by) {
            case RANK -> ranked(zset, start, end, doomed);
            case SCORE -> {
                for (ScoreTree.Node n = zset.firstInRange(scores); n != null && scores.belowMax(n.score());
                     n = n.next()) {
                    doomed.add(n.member());
                }
            }
            case LEX -> {
                for (ScoreTree.Node n = zset.firstInLexRange(lex); n != null && lex.belowMax(n.memberBytes());
                     n = n.next()) {
                    doomed.add(n.member());
                }
            }
            default -> throw new IllegalStateException();
        }
        for (Key member : doomed) {
            zset.remove(member);
        }
        if (zset.size() == 0) {
            keyspace.delete(key);
        }
        return request.changes(doomed.size());
    }

    private static void ranked(ZSetValue zset, long start, long end, List<Key> doomed) {
        long size = zset.size();
        long first = IndexRange.first(start, end, size);
        if (first < 0) {
            return;
        }
        long last = IndexRange.last(end, size);
        ScoreTree.Node n = zset.atRank(first);
        for (long i = first; i <= last && n != null; i++, n = n.next()) {
            doomed.add(n.member());
        }
    }
}
