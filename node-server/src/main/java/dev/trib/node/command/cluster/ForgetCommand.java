package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLUSTER FORGET id: drop the node and keep gossip from re-adding it for a minute. */
public record ForgetCommand(ClusterService cluster) implements NodeArgCommand {
    @Override
    public RespReply execute(ClusterConfig c, ClusterNode n, CommandRequest request) {
        String id = n.id();
        if (n.isMyself()) {
            return new ErrorReply("ERR I tried hard but I can't forget myself...");
        }
        if (c.myself().isReplica() && id.equals(c.myself().masterId())) {
            return new ErrorReply("ERR Can't forget my master!");
        }
        cluster.bus().blacklist(id);
        cluster.store().update(cfg -> cfg.edit().remove(id).build());
        return Replies.OK;
    }
}
