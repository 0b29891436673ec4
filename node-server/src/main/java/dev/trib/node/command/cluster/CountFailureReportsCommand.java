package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLUSTER COUNT-FAILURE-REPORTS id. */
public record CountFailureReportsCommand(ClusterService cluster) implements NodeArgCommand {
    @Override
    public RespReply execute(ClusterConfig c, ClusterNode n, CommandRequest request) {
        return Replies.integer(cluster.bus().failureReports(n.id()));
    }
}
