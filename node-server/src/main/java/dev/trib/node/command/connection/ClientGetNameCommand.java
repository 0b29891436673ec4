package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLIENT GETNAME: nil when no name is set. */
public final class ClientGetNameCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        String name = request.session().name();
        return name.isEmpty() ? Replies.NULL_BULK : BulkReply.of(name);
    }
}
