package dev.trib.node.command.hash;

import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.ElementScanCommand;
import dev.trib.node.command.RandomElementsCommand;
import dev.trib.node.command.SizeCommand;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Keyspace;

/** Hash commands. */
public final class HashCommands {
    private HashCommands() {
    }

    public static void register(CommandTable table, Keyspace ks) {
        register(table, ks, new java.util.Random());
    }

    /** @param random source for HRANDFIELD */
    public static void register(CommandTable table, Keyspace ks, java.util.Random random) {
        table.addSingleKey("hset", -4, new HSetCommand(ks, false), WRITE, DENYOOM, FAST)
                .addSingleKey("hmset", -4, new HSetCommand(ks, true), WRITE, DENYOOM, FAST)
                .addSingleKey("hsetnx", 4, new HSetNxCommand(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("hget", 3, new HGetCommand(ks), READONLY, FAST)
                .addSingleKey("hmget", -3, new HMGetCommand(ks), READONLY, FAST)
                .addSingleKey("hdel", -3, new HDelCommand(ks), WRITE, FAST)
                .addSingleKey("hlen", 2, new SizeCommand<>(ks, HashValue.class, HashValue::size), READONLY, FAST)
                .addSingleKey("hexists", 3, new HExistsCommand(ks), READONLY, FAST)
                .addSingleKey("hgetall", 2, HGetAllCommand.all(ks), READONLY)
                .addSingleKey("hkeys", 2, HGetAllCommand.keys(ks), READONLY)
                .addSingleKey("hvals", 2, HGetAllCommand.values(ks), READONLY)
                .addSingleKey("hincrby", 4, new HIncrByCommand(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("hincrbyfloat", 4, new HIncrByFloatCommand(ks), WRITE, DENYOOM, FAST)
                .addSingleKey("hscan", -3, new ElementScanCommand<>(ks, HashValue.class, 2, HashValue::isCompact,
                        (hash, out) -> hash.forEach((field, value) ->
                                ElementScanCommand.pair(out, field.bytes(), value)),
                        (hash, cursor, out) -> hash.scan(cursor, (field, value) ->
                                ElementScanCommand.pair(out, field.bytes(), value))),
                        READONLY)
                .addSingleKey("hstrlen", 3, new HStrLenCommand(ks), READONLY, FAST)
                .addSingleKey("hrandfield", -2, new RandomElementsCommand<>(ks, HashValue.class, "withvalues", false, random,
                        HashCommands::fieldsAndValues), READONLY);
    }

    private static java.util.List<byte[][]> fieldsAndValues(HashValue hash) {
        java.util.List<byte[][]> out = new java.util.ArrayList<>(hash.size());
        hash.forEach((field, value) -> out.add(new byte[][] {field.bytes(), value}));
        return out;
    }
}
