package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLIENT REPLY ON|OFF|SKIP: OFF and SKIP are not answered; SKIP also mutes the next command's reply. */
record ClientReplyCommand() implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        for (String mode : new String[] {"on", "off", "skip"}) {
            if (request.argIs(2, mode)) {
                request.session().replyMode(mode);
                return Replies.OK;
            }
        }
        return Errors.SYNTAX;
    }
}
