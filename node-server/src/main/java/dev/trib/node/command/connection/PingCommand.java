package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** PING [message]: +PONG, or the message as a bulk string. */
public final class PingCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 2) {
            return Errors.wrongArity("ping");
        }
        return request.argc() == 1 ? Replies.PONG : new BulkReply(request.arg(1));
    }
}
