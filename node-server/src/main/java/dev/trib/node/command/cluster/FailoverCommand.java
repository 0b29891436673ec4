package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLUSTER FAILOVER [FORCE|TAKEOVER], sent to a replica. */
public record FailoverCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        boolean force = false;
        boolean takeover = false;
        if (request.argc() == 3) {
            if (request.argIs(2, "force")) {
                force = true;
            } else if (request.argIs(2, "takeover")) {
                takeover = true;
            } else {
                return Errors.SYNTAX;
            }
        } else if (request.argc() > 3) {
            return Errors.SYNTAX;
        }
        String error = cluster.bus().manualFailover(force, takeover);
        return error == null ? Replies.OK : new ErrorReply(error);
    }
}
