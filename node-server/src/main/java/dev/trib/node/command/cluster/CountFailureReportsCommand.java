package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLUSTER COUNT-FAILURE-REPORTS id. */
public final class CountFailureReportsCommand implements Command {
    private final ClusterService cluster;

    public CountFailureReportsCommand(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        String id = SlotArgs.knownNode(cluster.config(), request.arg(2)).id();
        return Replies.integer(cluster.bus().failureReports(id));
    }
}
