package dev.trib.node.command.server;

import static dev.trib.node.command.CommandFlag.ADMIN;
import static dev.trib.node.command.CommandFlag.ALLOW_BUSY;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.STALE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.server.ServerContext;
import java.util.function.Consumer;

/** Server commands: INFO, CONFIG, COMMAND, DEBUG, and persistence (SAVE, BGSAVE, LASTSAVE, BGREWRITEAOF). */
public final class ServerCommands {
    private ServerCommands() {
    }

    /** @param onConfigChange told the canonical name of every parameter CONFIG SET changed */
    public static void register(CommandTable table, ServerContext server, Consumer<String> onConfigChange) {
        MemoryCommands.register(table, server.keyspace());
        table.addKeyless("shutdown", -1, new ShutdownCommand(server), ADMIN, NOSCRIPT, LOADING, STALE, ALLOW_BUSY);
        table.addKeyless("info", -1, new InfoCommand(server), LOADING, STALE)
                .addKeyless("config", -2, null)
                .addSubcommand("config", "get", -3, new ConfigGetCommand(server), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("config", "set", -4, new ConfigSetCommand(server, onConfigChange), ADMIN, NOSCRIPT,
                        LOADING, STALE)
                .addSubcommand("config", "rewrite", 2, new ConfigRewriteCommand(server), ADMIN, NOSCRIPT, LOADING,
                        STALE)
                .addSubcommand("config", "resetstat", 2, new ConfigResetStatCommand(), ADMIN, NOSCRIPT, LOADING,
                        STALE)
                .addKeyless("command", -1, CommandListCommand.all(table), LOADING, STALE)
                .addSubcommand("command", "count", 2, CommandListCommand.count(table), LOADING, STALE)
                .addSubcommand("command", "list", -2, CommandListCommand.list(table), LOADING, STALE)
                .addSubcommand("command", "info", -2, CommandListCommand.info(table), LOADING, STALE)
                .addSubcommand("command", "docs", -2, new CommandDocsCommand(table), LOADING, STALE)
                .addSubcommand("command", "getkeys", -4, new CommandGetKeysCommand(table), LOADING, STALE)
                .addKeyless("debug", -2, new DebugCommand(server), ADMIN, NOSCRIPT, LOADING, STALE)
                .addKeyless("save", 1, new SaveCommand(server), ADMIN, NOSCRIPT)
                .addKeyless("bgsave", -1, new BgSaveCommand(server), ADMIN, NOSCRIPT)
                .addKeyless("bgrewriteaof", 1, new BgRewriteAofCommand(server), ADMIN, NOSCRIPT)
                .addKeyless("lastsave", 1, new LastSaveCommand(server), LOADING, STALE, FAST)
                .addKeyless("time", 1, new TimeCommand(), LOADING, STALE, FAST);
    }
}
