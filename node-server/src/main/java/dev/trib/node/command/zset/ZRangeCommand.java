package dev.trib.node.command.zset;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.command.IndexRange;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.LexRange;
import dev.trib.node.keyspace.ScoreRange;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * ZRANGE key min max [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES], and the older
 * ZREVRANGE and ZRANGEBYSCORE, which fix the range type and direction up front.
 *
 * <p>LIMIT follows Redis's loops literally: a negative offset walks off the end (empty result) and
 * a negative count means "no limit".
 */
public record ZRangeCommand(Keyspace keyspace, Type fixedType, Boolean fixedReverse, boolean store) implements Command {
    private static final ErrorReply LIMIT_NEEDS_RANGE = new ErrorReply(
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
    private static final ErrorReply WITHSCORES_BYLEX =
            new ErrorReply("ERR syntax error, WITHSCORES not supported in combination with BYLEX");

    enum Type { AUTO, RANK, SCORE, LEX }

    public static ZRangeCommand zrange(Keyspace ks) {
        return new ZRangeCommand(ks, Type.AUTO, null, false);
    }

    public static ZRangeCommand zrevrange(Keyspace ks) {
        return new ZRangeCommand(ks, Type.RANK, true, false);
    }

    public static ZRangeCommand zrangebyscore(Keyspace ks) {
        return new ZRangeCommand(ks, Type.SCORE, false, false);
    }

    public static ZRangeCommand zrevrangebyscore(Keyspace ks) {
        return new ZRangeCommand(ks, Type.SCORE, true, false);
    }

    public static ZRangeCommand zrangebylex(Keyspace ks) {
        return new ZRangeCommand(ks, Type.LEX, false, false);
    }

    public static ZRangeCommand zrevrangebylex(Keyspace ks) {
        return new ZRangeCommand(ks, Type.LEX, true, false);
    }

    /** ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]: ZRANGE's selection stored. */
    public static ZRangeCommand zrangestore(Keyspace ks) {
        return new ZRangeCommand(ks, Type.AUTO, null, true);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        Type type = fixedType;
        Boolean reverse = fixedReverse;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        int source = store ? 2 : 1;
        for (int j = source + 3; j < request.argc(); j++) {
            int left = request.argc() - j - 1;
            if (!store && request.argIs(j, "withscores")) {
                withScores = true;
            } else if (request.argIs(j, "limit") && left >= 2) {
                offset = Args.toLong(request.arg(j + 1));
                limit = Args.toLong(request.arg(j + 2));
                j += 2;
            } else if (reverse == null && request.argIs(j, "rev")) {
                reverse = true;
            } else if (type == Type.AUTO && request.argIs(j, "bylex")) {
                type = Type.LEX;
            } else if (type == Type.AUTO && request.argIs(j, "byscore")) {
                type = Type.SCORE;
            } else {
                return Errors.SYNTAX;
            }
        }
        boolean rev = reverse != null && reverse;
        if (type == Type.AUTO) {
            type = Type.RANK;
        }
        if (limit != -1 && type == Type.RANK) {
            return LIMIT_NEEDS_RANGE;
        }
        if (withScores && type == Type.LEX) {
            return WITHSCORES_BYLEX;
        }
        // Score and lex ranges are written max-first when reversed.
        byte[] minArg = request.arg(source + (rev && type != Type.RANK ? 2 : 1));
        byte[] maxArg = request.arg(source + (rev && type != Type.RANK ? 1 : 2));

        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexRange lex = null;
        switch (type) {
            case RANK -> {
                start = Args.toLong(minArg);
                end = Args.toLong(maxArg);
            }
            case SCORE -> scores = Ranges.score(minArg, maxArg);
            case LEX -> lex = Ranges.lex(minArg, maxArg);
            default -> throw new IllegalStateException();
        }

        ZSetValue zset = keyspace.get(request.key(source), ZSetValue.class);
        List<ScoreTree.Node> out = new ArrayList<>();
        if (zset != null) {
            switch (type) {
                case RANK -> byRank(zset, start, end, rev, out);
                case SCORE -> byScore(zset, scores, offset, limit, rev, out);
                case LEX -> byLex(zset, lex, offset, limit, rev, out);
                default -> throw new IllegalStateException();
            }
        }
        if (store) {
            return Replies.integer(ZSets.store(keyspace, request.key(1), ZSets.of(out, type == Type.RANK)));
        }
        return ZSets.reply(out, withScores);
    }

    private static void byRank(ZSetValue zset, long start, long end, boolean rev, List<ScoreTree.Node> out) {
        long size = zset.size();
        long first = IndexRange.first(start, end, size);
        if (first < 0) {
            return;
        }
        start = first;
        long count = IndexRange.last(end, size) - start + 1;
        ScoreTree.Node node = rev ? zset.atRank(size - 1 - start) : zset.atRank(start);
        for (long i = 0; i < count && node != null; i++) {
            out.add(node);
            node = rev ? node.previous() : node.next();
        }
    }

    private static void byScore(ZSetValue zset, ScoreRange range, long offset, long limit, boolean rev,
                                List<ScoreTree.Node> out) {
        if (offset > 0 && offset >= zset.size()) {
            return;
        }
        ScoreTree.Node node = rev ? zset.lastInRange(range) : zset.firstInRange(range);
        while (node != null && offset-- != 0) {
            node = rev ? node.previous() : node.next();
        }
        while (node != null && limit-- != 0) {
            if (rev ? !range.aboveMin(node.score()) : !range.belowMax(node.score())) {
                break;
            }
            out.add(node);
            node = rev ? node.previous() : node.next();
        }
    }

    private static void byLex(ZSetValue zset, LexRange range, long offset, long limit, boolean rev,
                              List<ScoreTree.Node> out) {
        if (offset > 0 && offset >= zset.size()) {
            return;
        }
        ScoreTree.Node node = rev ? zset.lastInLexRange(range) : zset.firstInLexRange(range);
        while (node != null && offset-- != 0) {
            node = rev ? node.previous() : node.next();
        }
        while (node != null && limit-- != 0) {
            if (rev ? !range.aboveMin(node.memberBytes()) : !range.belowMax(node.memberBytes())) {
                break;
            }
            out.add(node);
            node = rev ? node.previous() : node.next();
        }
    }
}
