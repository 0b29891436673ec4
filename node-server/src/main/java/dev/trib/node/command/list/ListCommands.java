package dev.trib.node.command.list;

import static dev.trib.node.command.CommandFlag.BLOCKING;
import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.MOVABLEKEYS;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.MPopCommand;
import dev.trib.node.command.SizeCommand;
import dev.trib.node.command.blocking.BlockingMPopCommand;
import dev.trib.node.command.blocking.BlockingPopCommand;
import dev.trib.node.command.blocking.KeyWaits;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** List commands. */
public final class ListCommands {
    private ListCommands() {
    }

    public static void register(CommandTable table, Keyspace ks) {
        table.addSingleKey("lpush", -3, new PushCommand(ks, true, false), WRITE, DENYOOM, FAST)
                .addSingleKey("rpush", -3, new PushCommand(ks, false, false), WRITE, DENYOOM, FAST)
                .addSingleKey("lpushx", -3, new PushCommand(ks, true, true), WRITE, DENYOOM, FAST)
                .addSingleKey("rpushx", -3, new PushCommand(ks, false, true), WRITE, DENYOOM, FAST)
                .addSingleKey("lpop", -2, new PopCommand(ks, true), WRITE, FAST)
                .addSingleKey("rpop", -2, new PopCommand(ks, false), WRITE, FAST)
                .addSingleKey("llen", 2, new SizeCommand<>(ks, ListValue.class, ListValue::size), READONLY, FAST)
                .addSingleKey("lrange", 4, new LRangeCommand(ks), READONLY)
                .addSingleKey("lindex", 3, new LIndexCommand(ks), READONLY)
                .addSingleKey("lset", 4, new LSetCommand(ks), WRITE, DENYOOM)
                .addSingleKey("lrem", 4, new LRemCommand(ks), WRITE)
                .addSingleKey("ltrim", 4, new LTrimCommand(ks), WRITE)
                .addSingleKey("linsert", 5, new LInsertCommand(ks), WRITE, DENYOOM)
                .addSingleKey("lpos", -3, new LPosCommand(ks), READONLY)
                .add("lmove", 5, 1, 2, 1, new LMoveCommand(ks, false), WRITE, DENYOOM)
                .add("rpoplpush", 3, 1, 2, 1, new LMoveCommand(ks, true), WRITE, DENYOOM)
                .addKeyless("lmpop", -4, lmpop(ks), WRITE, MOVABLEKEYS);
    }

    /** BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP: their clients wait in {@code waits} when the lists are empty. */
    public static void registerBlocking(CommandTable table, Keyspace ks, KeyWaits waits) {
        table.add("blpop", -3, 1, -2, 1, blpop(ks, waits, true), WRITE, NOSCRIPT, BLOCKING)
                .add("brpop", -3, 1, -2, 1, blpop(ks, waits, false), WRITE, NOSCRIPT, BLOCKING)
                .add("blmove", 6, 1, 2, 1, new BlockingMoveCommand(waits, ks, false), WRITE, DENYOOM, NOSCRIPT,
                        BLOCKING)
                .add("brpoplpush", 4, 1, 2, 1, new BlockingMoveCommand(waits, ks, true), WRITE, DENYOOM, NOSCRIPT,
                        BLOCKING)
                .addKeyless("blmpop", -5, new BlockingMPopCommand<>(waits, lmpop(ks)), WRITE, BLOCKING, MOVABLEKEYS);
    }

    private static BlockingPopCommand<ListValue> blpop(Keyspace ks, KeyWaits waits, boolean head) {
        return new BlockingPopCommand<>(waits, ks, ListValue.class, head ? "LPOP" : "RPOP", (key, list) -> {
            List<RespReply> out = new ArrayList<>(1);
            PopCommand.pop(ks, key, list, 1, head, e -> out.add(new BulkReply(e)));
            return out;
        });
    }

    private static MPopCommand<ListValue> lmpop(Keyspace ks) {
        return new MPopCommand<>(ks, ListValue.class, List.of("left", "right"), List.of("LPOP", "RPOP"),
                (key, list, count, left) -> {
                    List<RespReply> out = new ArrayList<>();
                    PopCommand.pop(ks, key, list, count, left, e -> out.add(new BulkReply(e)));
                    return out;
                });
    }
}
