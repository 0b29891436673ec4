package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLUSTER SET-CONFIG-EPOCH epoch: only on a node that knows nobody else and has epoch 0. */
public record SetConfigEpochCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        long epoch = Args.toLong(request.arg(2));
        ClusterConfig c = cluster.config();
        if (epoch < 0) {
            return new ErrorReply("ERR Invalid config epoch specified: " + epoch);
        }
        if (c.size() > 1) {
            return new ErrorReply("ERR The user can assign a config epoch only when the node does not know any "
                    + "other node.");
        }
        if (c.myself().configEpoch() != 0) {
            return new ErrorReply("ERR Node config epoch is already non-zero");
        }
        cluster.store().update(cfg -> cfg.edit().put(cfg.myself().withConfigEpoch(epoch))
                .currentEpoch(Math.max(cfg.currentEpoch(), epoch)).build());
        return Replies.OK;
    }
}
