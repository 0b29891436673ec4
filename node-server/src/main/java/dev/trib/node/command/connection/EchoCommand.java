package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.RespReply;

/** ECHO message. */
public final class EchoCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return new BulkReply(request.arg(1));
    }
}
