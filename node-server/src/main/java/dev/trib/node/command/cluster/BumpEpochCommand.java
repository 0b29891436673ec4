package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;

/** CLUSTER BUMPEPOCH: +BUMPED n or +STILL n. */
public final class BumpEpochCommand implements Command {
    private final ClusterService cluster;

    public BumpEpochCommand(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        boolean bumped = cluster.bumpEpochWithoutConsensus();
        if (bumped) {
            cluster.bus().broadcastPong();
        }
        return new SimpleStringReply((bumped ? "BUMPED " : "STILL ") + cluster.config().myself().configEpoch());
    }
}
