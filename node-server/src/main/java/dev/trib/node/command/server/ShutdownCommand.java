package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.persistence.Persistence;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;

/**
 * SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT]: the AOF is synced and, when save points are configured
 * or SAVE is given, dump.rdb saved before answering; a failed save keeps the node running unless FORCE.
 * nodes.conf is written on the way out. As redis-server, a shutdown under way is not answered: the connection just
 * closes (clients read that as success).
 */
public record ShutdownCommand(ServerContext server) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        boolean abort = false;
        boolean force = false;
        Persistence.ShutdownSave save = Persistence.ShutdownSave.DEFAULT;
        for (int i = 1; i < request.argc(); i++) {
            if (request.argIs(i, "abort")) {
                abort = true;
            } else if (request.argIs(i, "nosave")) {
                save = Persistence.ShutdownSave.NOSAVE;
            } else if (request.argIs(i, "save")) {
                save = Persistence.ShutdownSave.SAVE;
            } else if (request.argIs(i, "force")) {
                force = true;
            } else if (!request.argIs(i, "now")) {
                return Errors.SYNTAX;
            }
        }
        if (abort) {
            return new ErrorReply("ERR No shutdown in progress.");
        }
        if (server.persistence() != null && !server.persistence().prepareShutdown(save, force)) {
            return new ErrorReply("ERR Errors trying to SHUTDOWN. Check logs.");
        }
        request.session().closeWithoutReply();
        server.requestShutdown();
        return Replies.OK; // dropped
    }
}
