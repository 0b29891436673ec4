package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;

/**
 * SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT]: this node keeps no data on disk, so the save options only change
 * the log; nodes.conf is written on the way out. The process ends once the reply is sent.
 */
public final class ShutdownCommand implements Command {
    private final ServerContext server;

    public ShutdownCommand(ServerContext server) {
        this.server = server;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        boolean abort = false;
        for (int i = 1; i < request.argc(); i++) {
            if (request.argIs(i, "abort")) {
                abort = true;
            } else if (!(request.argIs(i, "nosave") || request.argIs(i, "save") || request.argIs(i, "now")
                    || request.argIs(i, "force"))) {
                return Errors.SYNTAX;
            }
        }
        if (abort) {
            return new ErrorReply("ERR No shutdown in progress.");
        }
        request.session().closeAfterReply();
        server.requestShutdown();
        return Replies.OK;
    }
}
