package dev.trib.node.command.string;

import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.SizeCommand;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;

/** String commands. */
public final class StringCommands {
    private StringCommands() {
    }

    /** @param maxStringLength proto-max-bulk-len: APPEND and SETRANGE refuse to grow past it */
    public static void register(CommandTable table, Keyspace ks, long maxStringLength) {
        table.addSingleKey("get", 2, new GetCommand(ks), READONLY, FAST)
                .addSingleKey("set", -3, new SetCommand(ks), WRITE, DENYOOM)
                .addSingleKey("setnx", 3, new SetNxCommand(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("setex", 4, new SetExCommand(ks, false), WRITE, DENYOOM)
                .addSingleKey("psetex", 4, new SetExCommand(ks, true), WRITE, DENYOOM)
                .addSingleKey("getset", 3, new GetSetCommand(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("getdel", 2, new GetDelCommand(ks), WRITE, FAST)
                .addSingleKey("getex", -2, new GetExCommand(ks), WRITE, FAST)
                .add("mget", -2, 1, -1, 1, new MGetCommand(ks), READONLY, FAST)
                .add("mset", -3, 1, -1, 2, new MSetCommand(ks, false), WRITE, DENYOOM)
                .add("msetnx", -3, 1, -1, 2, new MSetCommand(ks, true), WRITE, DENYOOM)
                .addSingleKey("incr", 2, new IncrByCommand(ks, request -> 1), WRITE, DENYOOM, FAST)
                .addSingleKey("decr", 2, new IncrByCommand(ks, request -> -1), WRITE, DENYOOM, FAST)
                .addSingleKey("incrby", 3, new IncrByCommand(ks, IncrByCommand::argument), WRITE, DENYOOM, FAST)
                .addSingleKey("decrby", 3, new IncrByCommand(ks, IncrByCommand::negatedArgument), WRITE, DENYOOM, FAST)
                .addSingleKey("incrbyfloat", 3, new IncrByFloatCommand(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("append", 3, new AppendCommand(ks, maxStringLength), WRITE, DENYOOM, FAST)
                .addSingleKey("strlen", 2, new SizeCommand<>(ks, StringValue.class, StringValue::length),
                        READONLY, FAST)
                .addSingleKey("getrange", 4, new GetRangeCommand(ks), READONLY)
                .addSingleKey("substr", 4, new GetRangeCommand(ks), READONLY)
                .addSingleKey("setrange", 4, new SetRangeCommand(ks, maxStringLength), WRITE, DENYOOM)
                .add("lcs", -3, 1, 2, 1, new LcsCommand(ks, maxStringLength), READONLY);
    }
}
