package dev.trib.node.command.connection;

import static dev.trib.node.command.CommandFlag.ADMIN;
import static dev.trib.node.command.CommandFlag.ALLOW_BUSY;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.NO_AUTH;
import static dev.trib.node.command.CommandFlag.STALE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.server.ServerContext;

/** Connection commands that need the server: AUTH, HELLO, CLIENT, ASKING, READONLY, READWRITE, and ACL. */
public final class SessionCommands {
    private SessionCommands() {
    }

    public static void register(CommandTable table, ServerContext server) {
        boolean cluster = server.clusterEnabled();
        table.addKeyless("auth", -2, new AuthCommand(server), NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .addKeyless("reset", 1, new ResetCommand(server), NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .addKeyless("hello", -1, new HelloCommand(server), NOSCRIPT, LOADING, STALE, FAST, NO_AUTH,
                        ALLOW_BUSY)
                .addKeyless("client", -2, null)
                .addSubcommand("client", "id", 2, new ClientIdCommand(), NOSCRIPT, LOADING, STALE)
                .addSubcommand("client", "setname", 3, new ClientSetNameCommand(), NOSCRIPT, LOADING, STALE)
                .addSubcommand("client", "getname", 2, new ClientGetNameCommand(), NOSCRIPT, LOADING, STALE)
                .addSubcommand("client", "list", -2, ClientListCommand.list(server), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("client", "info", 2, ClientListCommand.info(server), NOSCRIPT, LOADING, STALE)
                .addSubcommand("client", "setinfo", 4, new ClientSetInfoCommand(), NOSCRIPT, LOADING, STALE)
                .addSubcommand("client", "no-evict", 3, new ClientNoOpCommand(), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("client", "no-touch", 3, new ClientNoOpCommand(), NOSCRIPT, LOADING, STALE)
                .addSubcommand("client", "kill", -3, new ClientKillCommand(server), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("client", "unblock", -3, new ClientUnblockCommand(server), ADMIN, NOSCRIPT, LOADING,
                        STALE)
                .addKeyless("asking", 1, new ClusterSessionCommand(cluster, s -> s.asking(true)), FAST)
                .addKeyless("readonly", 1, new ClusterSessionCommand(cluster, s -> s.readOnly(true)),
                        LOADING, STALE, FAST)
                .addKeyless("readwrite", 1, new ClusterSessionCommand(cluster, s -> s.readOnly(false)),
                        LOADING, STALE, FAST);
        dev.trib.node.command.acl.AclCommands.register(table, server);
    }
}
