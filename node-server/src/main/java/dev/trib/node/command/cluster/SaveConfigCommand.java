package dev.trib.node.command.cluster;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.io.IOException;

/** CLUSTER SAVECONFIG. */
public record SaveConfigCommand(ClusterService cluster) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        try {
            cluster.store().save();
            return Replies.OK;
        } catch (IOException e) {
            return new ErrorReply("ERR error saving the cluster node config: " + e.getMessage());
        }
    }
}
