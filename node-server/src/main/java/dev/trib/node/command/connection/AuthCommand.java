package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.Passwords;
import dev.trib.node.server.ServerContext;
import java.nio.charset.StandardCharsets;

/** AUTH [username] password, against requirepass and the single "default" user. */
public final class AuthCommand implements Command {
    private static final ErrorReply NO_PASSWORD_CONFIGURED = new ErrorReply("ERR AUTH <password> called without any "
            + "password configured for the default user. Are you sure your configuration is correct?");

    private final ServerContext server;

    public AuthCommand(ServerContext server) {
        this.server = server;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 3) {
            return Errors.SYNTAX;
        }
        String user = null;
        byte[] password = request.arg(request.argc() - 1);
        if (request.argc() == 3) {
            user = new String(request.arg(1), StandardCharsets.ISO_8859_1);
        } else if (!server.requiresPassword()) {
            return NO_PASSWORD_CONFIGURED;
        }
        if (!Passwords.check(server, user, password)) {
            return Errors.WRONGPASS;
        }
        request.session().authenticated(true);
        return Replies.OK;
    }
}
