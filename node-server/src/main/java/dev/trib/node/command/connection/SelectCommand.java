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
    private static final ErrorReply CLUSTER_MODE = new ErrorReply("ERR SELECT is not allowed in cluster mode");

    private final boolean clusterEnabled;

    public SelectCommand() {
        this(false);
    }

    public SelectCommand(boolean clusterEnabled) {
        this.clusterEnabled = clusterEnabled;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        int index = Args.toInt(request.arg(1));
        if (index != 0 && clusterEnabled) {
            return CLUSTER_MODE;
        }
        if (index != 0) {
            return OUT_OF_RANGE;
        }
        request.session().selectDb(0);
        return Replies.OK;
    }
}
