package dev.trib.node.command.extra;

import static dev.trib.node.command.CommandFlag.ADMIN;
import static dev.trib.node.command.CommandFlag.FAST;
import static dev.trib.node.command.CommandFlag.LOADING;
import static dev.trib.node.command.CommandFlag.NO_ASYNC_LOADING;
import static dev.trib.node.command.CommandFlag.NOSCRIPT;
import static dev.trib.node.command.CommandFlag.READONLY;
import static dev.trib.node.command.CommandFlag.STALE;

import dev.trib.node.command.CommandTable;
import dev.trib.node.command.server.CommandGetKeysCommand;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;

/** MODULE, LOLWUT, COMMAND GETKEYSANDFLAGS (GETKEYS with flags) and ACL DRYRUN / LOAD / SAVE. */
public final class ExtraCommands {
    private ExtraCommands() {
    }

    public static void register(CommandTable table, ServerContext server) {
        table.addKeyless("module", -2, null)
                .addSubcommand("module", "list", 2, new ModuleCommand(server.config(), "list"), ADMIN, NOSCRIPT)
                .addSubcommand("module", "load", -3, new ModuleCommand(server.config(), "load"), ADMIN, NOSCRIPT,
                        NO_ASYNC_LOADING)
                .addSubcommand("module", "loadex", -3, new ModuleCommand(server.config(), "loadex"), ADMIN, NOSCRIPT,
                        NO_ASYNC_LOADING)
                .addSubcommand("module", "unload", 3, new ModuleCommand(server.config(), "unload"), ADMIN, NOSCRIPT,
                        NO_ASYNC_LOADING)
                .addKeyless("lolwut", -1, new LolwutCommand(), READONLY, FAST)
                .addSubcommand("command", "getkeysandflags", -4, new CommandGetKeysCommand(table, true), LOADING, STALE)
                .addSubcommand("acl", "dryrun", -4, new AclDryRunCommand(server, table), ADMIN, NOSCRIPT, LOADING,
                        STALE)
                .addSubcommand("acl", "load", 2, request -> noAclFile(), ADMIN, NOSCRIPT, LOADING, STALE)
                .addSubcommand("acl", "save", 2, request -> noAclFile(), ADMIN, NOSCRIPT, LOADING, STALE);
    }

    private static RespReply noAclFile() {
        return AclDryRunCommand.NO_ACL_FILE;
    }
}
