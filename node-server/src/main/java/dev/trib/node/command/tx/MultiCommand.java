package dev.trib.node.command.tx;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** MULTI: the following commands are queued until EXEC or DISCARD. */
record MultiCommand() implements Command {
    private static final ErrorReply NESTED = new ErrorReply("ERR MULTI calls can not be nested");

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.session().transaction() != null) {
            return NESTED;
        }
        request.session().beginTransaction();
        return Replies.OK;
    }
}
