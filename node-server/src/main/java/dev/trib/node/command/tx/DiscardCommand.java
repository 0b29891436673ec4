package dev.trib.node.command.tx;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** DISCARD: drops the queued commands and every watched key. */
record DiscardCommand() implements Command {
    private static final ErrorReply WITHOUT_MULTI = new ErrorReply("ERR DISCARD without MULTI");

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.session().transaction() == null) {
            return WITHOUT_MULTI;
        }
        request.session().endTransaction();
        return Replies.OK;
    }
}
