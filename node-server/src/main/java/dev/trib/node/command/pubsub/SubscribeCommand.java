package dev.trib.node.command.pubsub;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ReplySequence;
import dev.trib.node.resp.RespReply;

import java.util.ArrayList;
import java.util.List;

/** SUBSCRIBE, PSUBSCRIBE and SSUBSCRIBE: one confirmation per name, each with the count after it. */
public record SubscribeCommand(PubSub pubsub, PubSub.Kind kind) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ClientSession client = request.session();
        List<RespReply> replies = new ArrayList<>();
        for (int i = 1; i < request.argc(); i++) {
            pubsub.subscribe(client, kind, request.key(i));
            replies.add(pubsub.confirmation(client, kind, true, new BulkReply(request.arg(i))));
        }
        return new ReplySequence(replies);
    }
}
