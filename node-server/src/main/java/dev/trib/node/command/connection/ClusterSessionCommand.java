package dev.trib.node.command.connection;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.function.Consumer;

/**
 * ASKING (the next command may touch a slot this node is importing), READONLY and READWRITE (whether this client
 * accepts reads from a replica of the slot's master): a cluster-only setting of the caller's session.
 */
public record ClusterSessionCommand(boolean clusterEnabled, Consumer<ClientSession> setting) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (!clusterEnabled) {
            return Errors.CLUSTER_DISABLED;
        }
        setting.accept(request.session());
        return Replies.OK;
    }
}
