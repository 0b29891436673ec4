package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLUSTER FORGET id: drop the node and keep gossip from re-adding it for a minute. */
public final class ForgetCommand implements Command {
    private final ClusterService cluster;

    public ForgetCommand(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        ClusterConfig c = cluster.config();
        ClusterNode n = SlotArgs.knownNode(c, request.arg(2));
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
