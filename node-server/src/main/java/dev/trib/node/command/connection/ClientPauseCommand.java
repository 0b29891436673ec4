package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import dev.trib.node.text.IntegerText;

/**
 * CLIENT PAUSE timeout [WRITE|ALL] and CLIENT UNPAUSE. Held clients (replicas and this node's master link never)
 * run their commands when the pause ends; ALL holds every command, WRITE only writes.
 */
record ClientPauseCommand(ServerContext server, boolean pause) implements Command {
    private static final ErrorReply BAD_MODE = new ErrorReply("ERR CLIENT PAUSE mode must be WRITE or ALL");
    private static final ErrorReply BAD_TIMEOUT = new ErrorReply("ERR timeout is not an integer or out of range");
    private static final ErrorReply NEGATIVE = new ErrorReply("ERR timeout is negative");

    @Override
    public RespReply execute(CommandRequest request) {
        if (!pause) {
            server.clientUnpause();
            return Replies.OK;
        }
        if (request.argc() > 4) {
            return Errors.subcommandSyntax(request.args());
        }
        boolean all = true;
        if (request.argc() == 4) {
            if (request.argIs(3, "write")) {
                all = false;
            } else if (!request.argIs(3, "all")) {
                return BAD_MODE;
            }
        }
        Long timeout = IntegerText.parse(request.arg(2));
        if (timeout == null) {
            return BAD_TIMEOUT;
        }
        if (timeout < 0) {
            return NEGATIVE;
        }
        if (timeout > 0) {
            server.clientPause(server.clock().nowMillis() + timeout, all);
        }
        return Replies.OK;
    }
}
