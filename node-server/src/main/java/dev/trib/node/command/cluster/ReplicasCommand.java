package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodesFormat;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** CLUSTER REPLICAS / SLAVES master-id: the replicas' CLUSTER NODES lines. */
public record ReplicasCommand(ClusterService cluster) implements NodeArgCommand {
    @Override
    public RespReply execute(ClusterConfig c, ClusterNode n, CommandRequest request) {
        String id = n.id();
        if (n.isReplica()) {
            return new ErrorReply("ERR The specified node is not a master");
        }
        List<RespReply> out = new ArrayList<>();
        for (ClusterNode r : c.replicasOf(id)) {
            String line = NodesFormat.line(c, r, cluster.links());
            out.add(BulkReply.of(line.substring(0, line.length() - 1)));
        }
        return Replies.array(out);
    }
}
