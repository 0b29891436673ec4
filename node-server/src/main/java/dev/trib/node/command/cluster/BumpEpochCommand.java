package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;

/** CLUSTER BUMPEPOCH: +BUMPED n or +STILL n. */
public record BumpEpochCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        boolean bumped = cluster.bumpEpochWithoutConsensus();
        if (bumped) {
            cluster.bus().broadcastPong();
        }
        return new SimpleStringReply((bumped ? "BUMPED " : "STILL ") + cluster.config().myself().configEpoch());
    }
}
