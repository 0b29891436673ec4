package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * CLUSTER REPLICATE master-id: records the role and the master in the cluster config. Data
 * replication itself is not implemented yet; the replica stays empty.
 */
public record ReplicateCommand(ClusterService cluster) implements NodeArgCommand {
    @Override
    public RespReply execute(ClusterConfig c, ClusterNode n, CommandRequest request) {
        String id = n.id();
        if (n.isMyself()) {
            return new ErrorReply("ERR Can't replicate myself");
        }
        if (n.isReplica()) {
            return new ErrorReply("ERR I can only replicate a master, not a replica.");
        }
        if (c.myself().isMaster() && (c.slotCount(c.myId()) != 0 || cluster.keyspace().size() != 0)) {
            return new ErrorReply("ERR To set a master the node must be empty and without assigned slots.");
        }
        cluster.store().update(cfg -> cfg.edit().put(cfg.myself().asReplicaOf(id)).clearOpenSlots().build());
        cluster.bus().broadcastPong();
        return Replies.OK;
    }
}
