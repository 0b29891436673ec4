package dev.trib.node.command.list;

import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.MOVABLEKEYS;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.MPopCommand;
import dev.trib.node.command.SizeCommand;
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
                .addKeyless("lmpop", -4, new MPopCommand<>(ks, ListValue.class, List.of("left", "right"),
                        List.of("LPOP", "RPOP"), (key, list, count, left) -> {
                            List<RespReply> out = new ArrayList<>();
                            PopCommand.pop(ks, key, list, count, left, e -> out.add(new BulkReply(e)));
                            return out;
                        }), WRITE, MOVABLEKEYS);
    }
}
