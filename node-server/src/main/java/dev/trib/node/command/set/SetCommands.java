package dev.trib.node.command.set;

import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.MOVABLEKEYS;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.ElementScanCommand;
import dev.trib.node.command.SizeCommand;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import java.util.Random;

/** Set commands. */
public final class SetCommands {
    private SetCommands() {
    }

    public static void register(CommandTable table, Keyspace ks, Random random) {
        SInterCommand inter = new SInterCommand(ks);
        table.addSingleKey("sadd", -3, new SAddCommand(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("srem", -3, new SRemCommand(ks), WRITE, FAST)
                .addSingleKey("smembers", 2, inter, READONLY)
                .addSingleKey("sismember", 3, new SIsMemberCommand(ks), READONLY, FAST)
                .addSingleKey("smismember", -3, new SMIsMemberCommand(ks), READONLY, FAST)
                .addSingleKey("scard", 2, new SizeCommand<>(ks, SetValue.class, SetValue::size), READONLY, FAST)
                .addSingleKey("spop", -2, new SPopCommand(ks, random), WRITE, FAST)
                .addSingleKey("srandmember", -2, new SRandMemberCommand(ks, random), READONLY)
                .add("sinter", -2, 1, -1, 1, inter, READONLY)
                .add("sunion", -2, 1, -1, 1, new SUnionDiffCommand(ks, false), READONLY)
                .add("sdiff", -2, 1, -1, 1, new SUnionDiffCommand(ks, true), READONLY)
                .addSingleKey("sscan", -3, new ElementScanCommand<>(ks, SetValue.class, 1, SetValue::isIntset,
                        SetValue::forEach, SetValue::scan), READONLY)
                .add("smove", 4, 1, 2, 1, new SMoveCommand(ks), WRITE, FAST)
                .add("sinterstore", -3, 1, -1, 1, SStoreCommand.inter(ks), WRITE, DENYOOM)
                .add("sunionstore", -3, 1, -1, 1, SStoreCommand.union(ks), WRITE, DENYOOM)
                .add("sdiffstore", -3, 1, -1, 1, SStoreCommand.diff(ks), WRITE, DENYOOM)
                .addKeyless("sintercard", -3, new SInterCardCommand(ks), READONLY, MOVABLEKEYS);
    }
}
