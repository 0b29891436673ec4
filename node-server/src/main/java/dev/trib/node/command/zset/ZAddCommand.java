package dev.trib.node.command.zset;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.command.UpdateFlags;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...], and ZINCRBY key increment
 * member (ZADD with INCR). Every score is parsed before anything changes, so a bad score leaves
 * the set untouched. GT/LT only restrict updates: new members are always added (unless XX).
 */
public record ZAddCommand(Keyspace keyspace, boolean alwaysIncr) implements Command {
    private static final ErrorReply NX_XX = new ErrorReply("ERR XX and NX options at the same time are not compatible");
    private static final ErrorReply GT_LT_NX =
            new ErrorReply("ERR GT, LT, and/or NX options at the same time are not compatible");
    private static final ErrorReply INCR_PAIRS =
            new ErrorReply("ERR INCR option supports a single increment-element pair");
    private static final int ZADD_FLAGS = UpdateFlags.NX | UpdateFlags.XX | UpdateFlags.GT | UpdateFlags.LT
            | UpdateFlags.CH | UpdateFlags.INCR;
    private static final ErrorReply NAN = new ErrorReply("ERR resulting score is not a number (NaN)");

    public static ZAddCommand zadd(Keyspace ks) {
        return new ZAddCommand(ks, false);
    }

    public static ZAddCommand zincrby(Keyspace ks) {
        return new ZAddCommand(ks, true);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        int flags = alwaysIncr ? UpdateFlags.INCR : 0;
        int scoreIdx = 2;
        for (int flag; scoreIdx < request.argc() && (flag = UpdateFlags.at(request, scoreIdx, ZADD_FLAGS)) != 0;
                scoreIdx++) {
            flags |= flag;
        }
        boolean nx = UpdateFlags.has(flags, UpdateFlags.NX);
        boolean xx = UpdateFlags.has(flags, UpdateFlags.XX);
        boolean gt = UpdateFlags.has(flags, UpdateFlags.GT);
        boolean lt = UpdateFlags.has(flags, UpdateFlags.LT);
        boolean ch = UpdateFlags.has(flags, UpdateFlags.CH);
        boolean incr = UpdateFlags.has(flags, UpdateFlags.INCR);
        int elements = request.argc() - scoreIdx;
        if (elements % 2 != 0 || elements == 0) {
            return Errors.SYNTAX;
        }
        elements /= 2;
        if (nx && xx) {
            return NX_XX;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt)) {
            return GT_LT_NX;
        }
        if (incr && elements > 1) {
            return INCR_PAIRS;
        }
        double[] scores = new double[elements];
        for (int j = 0; j < elements; j++) {
            scores[j] = Args.toDouble(request.arg(scoreIdx + 2 * j));
        }

        Key key = request.key(1);
        ZSetValue zset = keyspace.get(key, ZSetValue.class);
        if (zset == null) {
            if (xx) {
                return incr ? Replies.NULL_BULK : Replies.ZERO;
            }
            zset = ZSetValue.forFirstMember(request.arg(scoreIdx + 1).length);
            keyspace.add(key, zset);
        }

        long added = 0;
        long updated = 0;
        boolean processed = false;
        double result = 0;
        for (int j = 0; j < elements; j++) {
            double score = scores[j];
            Key member = Key.of(request.arg(scoreIdx + 2 * j + 1));
            ScoreTree.Node element = zset.element(member);
            if (element != null) {
                double current = element.score();
                if (nx) {
                    continue;
                }
                if (incr) {
                    score += current;
                    if (Double.isNaN(score)) {
                        return NAN;
                    }
                }
                if ((lt && score >= current) || (gt && score <= current)) {
                    continue;
                }
                if (score != current) {
                    zset.setScore(element, score);
                    updated++;
                }
            } else if (!xx) {
                zset.add(member, score);
                added++;
            } else {
                continue;
            }
            processed = true;
            result = score;
        }
        if (added + updated == 0) {
            request.propagation().suppress(); // as redis-server: a ZADD that changed nothing is not propagated
        }
        if (incr) {
            return processed ? ZSets.score(result) : Replies.NULL_BULK;
        }
        return Replies.integer(ch ? added + updated : added);
    }
}
