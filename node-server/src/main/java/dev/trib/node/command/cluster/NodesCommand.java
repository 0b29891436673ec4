package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.NodesFormat;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.VerbatimReply;
import dev.trib.node.resp.RespReply;

/** CLUSTER NODES: handshake nodes included, as Redis shows them. */
public record NodesCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return VerbatimReply.of(NodesFormat.render(cluster.config(), cluster.links(), true));
    }
}
