package dev.trib.node.command.connection;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** SELECT index: this node has a single database, 0 (like a cluster node). */
public final class SelectCommand implements Command {
    private static final ErrorReply OUT_OF_RANGE = new ErrorReply("ERR DB index is out of range");

    @Override
    public RespReply execute(CommandRequest request) {
        int index = Args.toInt(request.arg(1));
        if (index != 0) {
            return OUT_OF_RANGE;
        }
        request.session().selectDb(0);
        return Replies.OK;
    }
}
