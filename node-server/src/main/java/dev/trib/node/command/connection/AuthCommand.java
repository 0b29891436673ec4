package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.Logins;
import dev.trib.node.server.ServerContext;

/** AUTH [username] password: logs the connection in as an ACL user (the default user without a name). */
public record AuthCommand(ServerContext server) implements Command {
    private static final ErrorReply NO_PASSWORD_CONFIGURED = new ErrorReply("ERR AUTH <password> called without any "
            + "password configured for the default user. Are you sure your configuration is correct?");

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 3) {
            return Errors.SYNTAX;
        }
        byte[] user = request.argc() == 3 ? request.arg(1) : null;
        byte[] password = request.arg(request.argc() - 1);
        if (user == null && server.acl().defaultUser().nopass()) {
            return NO_PASSWORD_CONFIGURED;
        }
        if (!Logins.login(server, request.session(), user, password)) {
            return Errors.WRONGPASS;
        }
        return Replies.OK;
    }
}
