package dev.trib.node.command.observe;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** MONITOR: from now on this connection is sent every command the node executes. */
record MonitorCommand(Monitors monitors) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        monitors.add(request.session());
        return Replies.OK;
    }
}
