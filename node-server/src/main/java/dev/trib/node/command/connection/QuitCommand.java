package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** QUIT: answer +OK, then close the connection once the reply is written. */
public final class QuitCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        request.session().closeAfterReply();
        return Replies.OK;
    }
}
