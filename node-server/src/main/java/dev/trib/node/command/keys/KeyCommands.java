package dev.trib.node.command.keys;

import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.keyspace.Keyspace;

/** Generic keyspace commands. */
public final class KeyCommands {
    private KeyCommands() {
    }

    public static void register(CommandTable table, Keyspace ks) {
        register(table, ks, new java.util.Random(), false);
    }

    /** @param random source for RANDOMKEY; @param clusterEnabled COPY's DB option follows cluster mode's rules */
    public static void register(CommandTable table, Keyspace ks, java.util.Random random, boolean clusterEnabled) {
        CountKeysCommand del = new CountKeysCommand(ks::delete);
        FlushCommand flush = new FlushCommand(ks);
        table.addKeyless("dbsize", 1, new DbSizeCommand(ks), READONLY, FAST)
                .add("exists", -2, 1, -1, 1, new CountKeysCommand(ks::exists), READONLY, FAST)
                .add("del", -2, 1, -1, 1, del, WRITE)
                .add("unlink", -2, 1, -1, 1, del, WRITE, FAST)
                .addSingleKey("type", 2, new TypeCommand(ks), READONLY, FAST)
                .addKeyless("keys", 2, new KeysCommand(ks), READONLY)
                .addKeyless("scan", -2, new ScanCommand(ks), READONLY)
                .addSingleKey("expire", -3, ExpireCommand.expire(ks), WRITE, FAST)
                .addSingleKey("pexpire", -3, ExpireCommand.pexpire(ks), WRITE, FAST)
                .addSingleKey("expireat", -3, ExpireCommand.expireAt(ks), WRITE, FAST)
                .addSingleKey("pexpireat", -3, ExpireCommand.pexpireAt(ks), WRITE, FAST)
                .addSingleKey("ttl", 2, new TtlCommand(ks, false, false), READONLY, FAST)
                .addSingleKey("pttl", 2, new TtlCommand(ks, true, false), READONLY, FAST)
                .addSingleKey("expiretime", 2, new TtlCommand(ks, false, true), READONLY, FAST)
                .addSingleKey("pexpiretime", 2, new TtlCommand(ks, true, true), READONLY, FAST)
                .addSingleKey("persist", 2, new PersistCommand(ks), WRITE, FAST)
                .add("rename", 3, 1, 2, 1, new RenameCommand(ks, false), WRITE)
                .add("renamenx", 3, 1, 2, 1, new RenameCommand(ks, true), WRITE, FAST)
                .addKeyless("flushall", -1, flush, WRITE)
                .addKeyless("flushdb", -1, flush, WRITE)
                .add("copy", -3, 1, 2, 1, new CopyCommand(ks, clusterEnabled), WRITE, DENYOOM)
                .add("touch", -2, 1, -1, 1, new CountKeysCommand(ks::exists), READONLY, FAST)
                .addKeyless("randomkey", 1, new RandomKeyCommand(ks, random), READONLY);
    }
}
