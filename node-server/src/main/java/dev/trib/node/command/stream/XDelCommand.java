package dev.trib.node.command.stream;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** XDEL key id [id ...]: how many of the entries existed and were deleted; every ID is checked first. */
public record XDelCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        StreamValue stream = Streams.get(keyspace, request.key(1));
        if (stream == null) {
            return request.unchanged(Replies.ZERO);
        }
        List<StreamId> ids = new ArrayList<>();
        for (int j = 2; j < request.argc(); j++) {
            ids.add(StreamIds.parseStrict(request.arg(j)));
        }
        return request.changes(stream.delete(ids));
    }
}
