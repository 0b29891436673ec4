package dev.trib.node.command.acl;

import static dev.trib.node.command.CommandFlag.ADMIN;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.STALE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.server.ServerContext;

/** ACL SETUSER, GETUSER, DELUSER, LIST, USERS, WHOAMI, CAT, GENPASS, LOG, with Redis 7.0's flags. */
public final class AclCommands {
    private AclCommands() {
    }

    public static void register(CommandTable table, ServerContext server) {
        table.addKeyless("acl", -2, null)
                .addSubcommand("acl", "setuser", -3, new AclSetUserCommand(server), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("acl", "getuser", 3, new AclGetUserCommand(server), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("acl", "deluser", -3, new AclDelUserCommand(server), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("acl", "list", 2, AclListCommand.rules(server), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("acl", "users", 2, AclListCommand.names(server), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("acl", "log", -2, new AclLogCommand(), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("acl", "whoami", 2, new AclWhoAmICommand(), NOSCRIPT, LOADING, STALE)
                .addSubcommand("acl", "cat", -2, new AclCatCommand(table), NOSCRIPT, LOADING, STALE)
                .addSubcommand("acl", "genpass", -2, new AclGenPassCommand(), NOSCRIPT, LOADING, STALE);
    }
}
