package dev.trib.node.command.zset;

import static dev.trib.node.command.CommandFlag.BLOCKING;
import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.MOVABLEKEYS;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.ElementScanCommand;
import dev.trib.node.command.MPopCommand;
import dev.trib.node.command.RandomElementsCommand;
import dev.trib.node.command.SizeCommand;
import dev.trib.node.command.blocking.BlockingMPopCommand;
import dev.trib.node.command.blocking.BlockingPopCommand;
import dev.trib.node.command.blocking.KeyWaits;
import dev.trib.node.command.zset.ZSetOpCommand.Op;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ScoreTree;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.FloatText;
import java.util.ArrayList;
import java.util.List;

/** Sorted set commands. */
public final class ZSetCommands {
    private ZSetCommands() {
    }

    public static void register(CommandTable table, Keyspace ks) {
        register(table, ks, new java.util.Random());
    }

    /** @param random source for ZRANDMEMBER */
    public static void register(CommandTable table, Keyspace ks, java.util.Random random) {
        table.addSingleKey("zadd", -4, ZAddCommand.zadd(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("zincrby", 4, ZAddCommand.zincrby(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("zrem", -3, new ZRemCommand(ks), WRITE, FAST)
                .addSingleKey("zscore", 3, new ZScoreCommand(ks), READONLY, FAST)
                .addSingleKey("zcard", 2, new SizeCommand<>(ks, ZSetValue.class, ZSetValue::size), READONLY, FAST)
                .addSingleKey("zcount", 4, new ZCountCommand(ks), READONLY, FAST)
                .addSingleKey("zrange", -4, ZRangeCommand.zrange(ks), READONLY)
                .addSingleKey("zrevrange", -4, ZRangeCommand.zrevrange(ks), READONLY)
                .addSingleKey("zrangebyscore", -4, ZRangeCommand.zrangebyscore(ks), READONLY)
                .addSingleKey("zrevrangebyscore", -4, ZRangeCommand.zrevrangebyscore(ks), READONLY)
                .addSingleKey("zrangebylex", -4, ZRangeCommand.zrangebylex(ks), READONLY)
                .addSingleKey("zrevrangebylex", -4, ZRangeCommand.zrevrangebylex(ks), READONLY)
                .addSingleKey("zlexcount", 4, new ZLexCountCommand(ks), READONLY, FAST)
                .addSingleKey("zmscore", -3, new ZMScoreCommand(ks), READONLY, FAST)
                .addSingleKey("zpopmin", -2, ZPopCommand.zpopmin(ks), WRITE, FAST)
                .addSingleKey("zpopmax", -2, ZPopCommand.zpopmax(ks), WRITE, FAST)
                .addSingleKey("zremrangebyrank", 4, ZRemRangeCommand.byRank(ks), WRITE)
                .addSingleKey("zremrangebyscore", 4, ZRemRangeCommand.byScore(ks), WRITE)
                .addSingleKey("zremrangebylex", 4, ZRemRangeCommand.byLex(ks), WRITE)
                .addSingleKey("zrank", 3, new ZRankCommand(ks, false), READONLY, FAST)
                .addSingleKey("zrevrank", 3, new ZRankCommand(ks, true), READONLY, FAST)
                // A compact set's scores as its listpack stores them ("3" rather than %.17g), a large one's as %.17g:
                // the two spellings Redis produces for its two encodings.
                .addSingleKey("zscan", -3, new ElementScanCommand<>(ks, ZSetValue.class, 2, ZSetValue::isCompact,
                        (zset, out) -> {
                            for (ScoreTree.Node n = zset.first(); n != null; n = n.next()) {
                                ElementScanCommand.pair(out, n.memberBytes(), FloatText.listpackScore(n.score()));
                            }
                        },
                        (zset, cursor, out) -> zset.scan(cursor, (member, score) ->
                                ElementScanCommand.pair(out, member.bytes(), FloatText.g17(score)))), READONLY)
                .addSingleKey("zrandmember", -2, new RandomElementsCommand<>(ks, ZSetValue.class, "withscores", true,
                        random,
                        zset -> {
                            List<byte[][]> out = new ArrayList<>(zset.size());
                            for (ScoreTree.Node n = zset.first(); n != null; n = n.next()) {
                                out.add(new byte[][] {n.memberBytes(), FloatText.g17(n.score())});
                            }
                            return out;
                        }), READONLY)
                .add("zrangestore", -5, 1, 2, 1, ZRangeCommand.zrangestore(ks), WRITE, DENYOOM)
                .addKeyless("zunion", -3, new ZSetOpCommand(ks, Op.UNION, false, false), READONLY, MOVABLEKEYS)
                .addKeyless("zinter", -3, new ZSetOpCommand(ks, Op.INTER, false, false), READONLY, MOVABLEKEYS)
                .addKeyless("zdiff", -3, new ZSetOpCommand(ks, Op.DIFF, false, false), READONLY, MOVABLEKEYS)
                .addKeyless("zintercard", -3, new ZSetOpCommand(ks, Op.INTER, false, true), READONLY, MOVABLEKEYS)
                .addSingleKey("zunionstore", -4, new ZSetOpCommand(ks, Op.UNION, true, false), WRITE, DENYOOM,
                        MOVABLEKEYS)
                .addSingleKey("zinterstore", -4, new ZSetOpCommand(ks, Op.INTER, true, false), WRITE, DENYOOM,
                        MOVABLEKEYS)
                .addSingleKey("zdiffstore", -4, new ZSetOpCommand(ks, Op.DIFF, true, false), WRITE, DENYOOM,
                        MOVABLEKEYS)
                .addKeyless("zmpop", -4, zmpop(ks), WRITE, MOVABLEKEYS);
    }

    /** BZPOPMIN, BZPOPMAX and BZMPOP: their clients wait in {@code waits} when the sorted sets are empty. */
    public static void registerBlocking(CommandTable table, Keyspace ks, KeyWaits waits) {
        table.add("bzpopmin", -3, 1, -2, 1, bzpop(ks, waits, false), WRITE, NOSCRIPT, BLOCKING, FAST)
                .add("bzpopmax", -3, 1, -2, 1, bzpop(ks, waits, true), WRITE, NOSCRIPT, BLOCKING, FAST)
                .addKeyless("bzmpop", -5, new BlockingMPopCommand<>(waits, zmpop(ks)), WRITE, BLOCKING, MOVABLEKEYS);
    }

    private static BlockingPopCommand<ZSetValue> bzpop(Keyspace ks, KeyWaits waits, boolean max) {
        return new BlockingPopCommand<>(waits, ks, ZSetValue.class, max ? "ZPOPMAX" : "ZPOPMIN", (key, zset) -> {
            List<RespReply> out = new ArrayList<>(2);
            ZPopCommand.pop(ks, key, zset, 1, max, (member, score) -> {
                out.add(new BulkReply(member.bytes()));
                out.add(ZSets.score(score));
            });
            return out;
        });
    }

    private static MPopCommand<ZSetValue> zmpop(Keyspace ks) {
        return new MPopCommand<>(ks, ZSetValue.class, List.of("min", "max"), List.of("ZPOPMIN", "ZPOPMAX"),
                (key, zset, count, min) -> {
                    List<RespReply> out = new ArrayList<>();
                    ZPopCommand.pop(ks, key, zset, count, !min, (member, score) -> out.add(Replies.array(
                            List.of(new BulkReply(member.bytes()), ZSets.score(score)))));
                    return out;
                });
    }
}
