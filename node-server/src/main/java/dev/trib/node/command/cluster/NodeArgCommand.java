package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.RespReply;

/**
 * A CLUSTER subcommand about the node its argument names (FORGET, REPLICAS, REPLICATE, COUNT-FAILURE-REPORTS): the
 * name is looked up once, with CLUSTER's "Unknown node" error, and the command gets the node with the configuration
 * it was found in.
 */
interface NodeArgCommand extends Command {
    ClusterService cluster();

    RespReply execute(ClusterConfig config, ClusterNode node, CommandRequest request);

    @Override
    default RespReply execute(CommandRequest request) {
        ClusterConfig c = cluster().config();
        return execute(c, SlotArgs.knownNode(c, request.arg(2)), request);
    }
}
