package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLIENT ID. */
public final class ClientIdCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return Replies.integer(request.session().id());
    }
}
