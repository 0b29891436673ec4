package dev.trib.node.command.migrate;

import static dev.trib.node.command.CommandFlag.ASKING;
import static dev.trib.node.command.CommandFlag.DENYOOM;
import static dev.trib.node.command.CommandFlag.MOVABLEKEYS;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.WRITE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.keyspace.Keyspace;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;

/** Moving keys between servers: DUMP, RESTORE, RESTORE-ASKING, MIGRATE, with Redis 7.0's RDB payloads. */
public final class MigrateCommands {
    private MigrateCommands() {
    }

    public static void register(CommandTable table, Keyspace ks, boolean clusterMode) {
        RestoreCommand restore = new RestoreCommand(ks);
        table.addSingleKey("dump", 2, new DumpCommand(ks), READONLY)
                .addSingleKey("restore", -4, restore, WRITE, DENYOOM)
                .addSingleKey("restore-asking", -4, restore, WRITE, DENYOOM, ASKING)
                // Keys at 3 for COMMAND INFO, as Redis; the KEYS form is found by MigrateCommand.keyPositions.
                .add("migrate", -6, 3, 3, 1, new MigrateCommand(ks, clusterMode), WRITE, MOVABLEKEYS);
    }

    /** MIGRATE of this table reaches its targets over TLS, with client engines from the factory (host, port). */
    public static void useTls(CommandTable table, BiFunction<String, Integer, SSLEngine> engines) {
        ((MigrateCommand) table.lookup("migrate").command()).useTls(engines);
    }
}
