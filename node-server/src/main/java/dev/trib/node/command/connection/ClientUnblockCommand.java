package dev.trib.node.command.connection;

import dev.trib.node.command.Errors;

import dev.trib.node.command.Args;
import dev.trib.node.command.BlockedCall;
import dev.trib.node.command.ClientSession;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;

/**
 * CLIENT UNBLOCK id [TIMEOUT|ERROR]: ends a blocked client's wait (BLPOP, WAIT ...) as if its time ran out, or with
 * {@code -UNBLOCKED}; 1 when there was such a wait, 0 otherwise (a write held by a pause is not one).
 */
public record ClientUnblockCommand(ServerContext server) implements Command {
    private static final ErrorReply BAD_REASON = new ErrorReply("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
    private static final ErrorReply UNBLOCKED = new ErrorReply("UNBLOCKED client unblocked via CLIENT UNBLOCK");

    @Override
    public RespReply execute(CommandRequest request) {
        boolean error = false;
        if (request.argc() == 4) {
            error = request.argIs(3, "error");
            if (!error && !request.argIs(3, "timeout")) {
                return BAD_REASON;
            }
        } else if (request.argc() != 3) {
            return Errors.subcommandSyntax(request.args());
        }
        long id = Args.toLong(request.arg(2));
        for (ClientSession client : server.clients().all()) {
            BlockedCall call = client.id() == id ? client.blockedCall() : null;
            if (call != null) {
                if (error) {
                    call.fail(UNBLOCKED);
                } else {
                    call.timeOut();
                }
                return Replies.ONE;
            }
        }
        return Replies.ZERO;
    }
}
