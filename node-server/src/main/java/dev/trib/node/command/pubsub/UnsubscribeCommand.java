package dev.trib.node.command.pubsub;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.ReplySequence;
import dev.trib.node.resp.RespReply;

import java.util.ArrayList;
import java.util.List;

/**
 * UNSUBSCRIBE, PUNSUBSCRIBE and SUNSUBSCRIBE. Named: one confirmation per name, subscribed or not. Without names:
 * one per subscription of that kind, or a single one with a null name when there is none, as Redis answers.
 */
public record UnsubscribeCommand(PubSub pubsub, PubSub.Kind kind) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ClientSession client = request.session();
        List<RespReply> replies = new ArrayList<>();
        if (request.argc() == 1) {
            for (Key name : pubsub.subscriptions(client, kind)) {
                pubsub.unsubscribe(client, kind, name);
                replies.add(pubsub.confirmation(client, kind, false, new BulkReply(name.bytes())));
            }
            if (replies.isEmpty()) {
                replies.add(pubsub.confirmation(client, kind, false, Replies.NULL_BULK));
            }
        } else {
            for (int i = 1; i < request.argc(); i++) {
                pubsub.unsubscribe(client, kind, request.key(i));
                replies.add(pubsub.confirmation(client, kind, false, new BulkReply(request.arg(i))));
            }
        }
        pubsub.settle(client);
        return new ReplySequence(replies);
    }
}
