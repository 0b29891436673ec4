package dev.trib.node.command.extra;

import dev.trib.node.acl.AclUser;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.AuthGuard;
import dev.trib.node.server.ServerContext;
import dev.trib.node.text.CText;
import java.util.List;

/**
 * ACL DRYRUN username command [arg ...]: whether the user could run the call (OK), else why not, as a bulk string;
 * and ACL LOAD / ACL SAVE, which this node answers as redis-server does without an aclfile (it has none: users come
 * from the configuration and ACL SETUSER).
 */
record AclDryRunCommand(ServerContext server, CommandTable table) implements Command {
    static final ErrorReply NO_ACL_FILE = new ErrorReply("ERR This Redis instance is not configured to use an ACL "
            + "file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE "
            + "(assuming you have a Redis configuration file set) in order to store users in the Redis configuration.");

    @Override
    public RespReply execute(CommandRequest request) {
        String name = CText.printed(request.arg(2), 1024);
        AclUser user = server.acl().user(name);
        if (user == null) {
            return ErrorReply.formatted("User '" + name + "' not found");
        }
        List<byte[]> argv = request.args().subList(3, request.argc());
        CommandSpec spec = table.lookup(argv.get(0));
        if (spec != null && spec.isContainer()) {
            spec = argv.size() >= 2 ? spec.subcommand(CommandTable.lowerName(argv.get(1))) : null;
        }
        if (spec == null) {
            return ErrorReply.formatted("Command '" + CText.printed(argv.get(0), 1024) + "' not found");
        }
        if (!spec.acceptsArgc(argv.size())) {
            return Errors.wrongArity(spec.name());
        }
        if (!user.canRun(spec, argv)) {
            return BulkReply.of("This user has no permissions to run the '" + spec.name() + "' command");
        }
        int key = AuthGuard.deniedKey(spec, argv, user);
        if (key >= 0) {
            return BulkReply.of("This user has no permissions to access the '"
                    + CText.printed(argv.get(key), 1024) + "' key");
        }
        int channel = AuthGuard.deniedChannel(spec.name(), argv, user);
        if (channel >= 0) {
            return BulkReply.of("This user has no permissions to access the '"
                    + CText.printed(argv.get(channel), 1024) + "' channel");
        }
        return Replies.OK;
    }
}
