package dev.trib.node.command.pubsub;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * PUBLISH and SPUBLISH: delivered to this node's subscribers, then handed to the cluster bus for the other nodes
 * (all of them, or the shard's), or on a standalone node to its replicas' streams. The reply counts this node's
 * deliveries only, as Redis's does.
 */
public record PublishCommand(PubSub pubsub, BusPublisher bus, boolean shard) implements Command {
    /** What carries a message to the other nodes; does nothing on a standalone node. */
    public interface BusPublisher {
        BusPublisher NONE = (shard, channel, message) -> { };

        void publish(boolean shard, byte[] channel, byte[] message);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        byte[] channel = request.arg(1);
        byte[] message = request.arg(2);
        int receivers = shard ? pubsub.publishShard(channel, message) : pubsub.publish(channel, message);
        if (bus == BusPublisher.NONE) {
            request.propagation().toReplicasOnly(); // a standalone master's replicas publish it to their clients
        } else {
            bus.publish(shard, channel, message);
        }
        return Replies.integer(receivers);
    }
}
