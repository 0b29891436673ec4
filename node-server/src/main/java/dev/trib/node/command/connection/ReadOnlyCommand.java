package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** READONLY / READWRITE: whether this client accepts reads from a replica of the slot's master. */
public final class ReadOnlyCommand implements Command {
    private static final ErrorReply NOT_CLUSTER = new ErrorReply("ERR This instance has cluster support disabled");

    private final boolean clusterEnabled;
    private final boolean readOnly;

    public ReadOnlyCommand(boolean clusterEnabled, boolean readOnly) {
        this.clusterEnabled = clusterEnabled;
        this.readOnly = readOnly;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        if (!clusterEnabled) {
            return NOT_CLUSTER;
        }
        request.session().readOnly(readOnly);
        return Replies.OK;
    }
}
