package dev.trib.node.command.stream;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/**
 * XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]: entries deleted. An approximate trim reaches replicas as
 * the exact one it amounted to.
 */
public record XTrimCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        TrimArgs args = TrimArgs.parse(request, false);
        StreamValue stream = Streams.get(keyspace, request.key(1));
        if (stream == null) {
            return request.unchanged(Replies.ZERO);
        }
        long deleted = args.apply(stream);
        if (deleted > 0 && args.approx) {
            List<byte[]> argv = new ArrayList<>(request.args());
            args.rewrite(argv, stream);
            request.propagation().replaceWith(argv);
        }
        return request.changes(deleted);
    }
}
