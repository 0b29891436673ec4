package dev.trib.node.command.tx;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** UNWATCH: forgets every watched key (queued inside MULTI, where it changes nothing, as in Redis). */
record UnwatchCommand() implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        request.session().unwatchAll();
        return Replies.OK;
    }
}
