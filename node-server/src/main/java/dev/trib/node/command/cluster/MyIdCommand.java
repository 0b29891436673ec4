package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.RespReply;

/** CLUSTER MYID. */
public record MyIdCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return BulkReply.of(cluster.config().myId());
    }
}
