package dev.trib.node.command.pubsub;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

import java.util.ArrayList;
import java.util.List;

/** PUBSUB CHANNELS, SHARDCHANNELS, NUMSUB, SHARDNUMSUB and NUMPAT. */
final class PubsubIntrospection {
    private PubsubIntrospection() {
    }

    /** CHANNELS / SHARDCHANNELS [pattern]: active names, filtered by the pattern. */
    record Channels(PubSub pubsub, PubSub.Kind kind) implements Command {
        @Override
        public RespReply execute(CommandRequest request) {
            if (request.argc() > 3) {
                return Errors.subcommandSyntax(request.args());
            }
            return Replies.bulks(pubsub.active(kind, request.argc() == 3 ? request.arg(2) : null));
        }
    }

    /** NUMSUB / SHARDNUMSUB [name ...]: each name followed by its subscriber count. */
    record NumSub(PubSub pubsub, PubSub.Kind kind) implements Command {
        @Override
        public RespReply execute(CommandRequest request) {
            List<RespReply> out = new ArrayList<>();
            for (int i = 2; i < request.argc(); i++) {
                out.add(new BulkReply(request.arg(i)));
                out.add(Replies.integer(pubsub.subscriberCount(kind, request.arg(i))));
            }
            return Replies.array(out);
        }
    }

    /** NUMPAT: distinct patterns subscribed to. */
    record NumPat(PubSub pubsub) implements Command {
        @Override
        public RespReply execute(CommandRequest request) {
            return Replies.integer(pubsub.patternCount());
        }
    }

}
