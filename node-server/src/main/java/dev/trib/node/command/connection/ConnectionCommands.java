package dev.trib.node.command.connection;

import static dev.trib.node.command.CommandFlag.ALLOW_BUSY;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.NO_AUTH;
import static dev.trib.node.command.CommandFlag.STALE;

import dev.trib.node.command.CommandTable;

/** Connection commands: PING, ECHO, SELECT, QUIT. */
public final class ConnectionCommands {
    private ConnectionCommands() {
    }

    public static void register(CommandTable table) {
        register(table, false);
    }

    /** @param clusterEnabled SELECT refuses databases other than 0 with cluster mode's error */
    public static void register(CommandTable table, boolean clusterEnabled) {
        table.addKeyless("ping", -1, new PingCommand(), FAST)
                .addKeyless("echo", 2, new EchoCommand(), LOADING, STALE, FAST)
                .addKeyless("select", 2, new SelectCommand(clusterEnabled), LOADING, STALE, FAST)
                .addKeyless("quit", -1, new QuitCommand(), ALLOW_BUSY, NOSCRIPT, LOADING, STALE, FAST, NO_AUTH);
    }
}
