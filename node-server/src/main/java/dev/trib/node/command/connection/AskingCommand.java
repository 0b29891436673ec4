package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** ASKING: the next command may touch a slot this node is importing. */
public final class AskingCommand implements Command {
    private static final ErrorReply NOT_CLUSTER = new ErrorReply("ERR This instance has cluster support disabled");

    private final boolean clusterEnabled;

    public AskingCommand(boolean clusterEnabled) {
        this.clusterEnabled = clusterEnabled;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        if (!clusterEnabled) {
            return NOT_CLUSTER;
        }
        request.session().asking(true);
        return Replies.OK;
    }
}
