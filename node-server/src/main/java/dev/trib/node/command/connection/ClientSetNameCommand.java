package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLIENT SETNAME name. */
public final class ClientSetNameCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ErrorReply bad = ClientNames.set(request.session(), request.arg(2));
        return bad != null ? bad : Replies.OK;
    }
}
