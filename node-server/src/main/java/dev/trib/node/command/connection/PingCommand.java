package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** PING [message]: +PONG, or the message as a bulk string; to a subscribed client, ["pong", message]. */
public final class PingCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 2) {
            return Errors.wrongArity("ping");
        }
        if (request.session().subscribed() && request.session().protocol() < 3) {
            // A subscribed RESP2 client reads pushed arrays: PING answers in the same shape.
            return Replies.array(java.util.List.of(BulkReply.of("pong"),
                    request.argc() == 1 ? Replies.EMPTY_BULK : new BulkReply(request.arg(1))));
        }
        return request.argc() == 1 ? Replies.PONG : new BulkReply(request.arg(1));
    }
}
