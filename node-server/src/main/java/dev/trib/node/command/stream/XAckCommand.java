package dev.trib.node.command.stream;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StreamGroup;
import dev.trib.node.keyspace.StreamId;
import dev.trib.node.keyspace.StreamValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** XACK key group id [id ...]: how many of the entries were pending in the group and are no longer. */
public record XAckCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        StreamValue stream = Streams.get(keyspace, request.key(1));
        StreamGroup group = stream == null ? null : stream.group(request.key(2));
        if (group == null) {
            return request.unchanged(Replies.ZERO);
        }
        List<StreamId> ids = new ArrayList<>();
        for (int j = 3; j < request.argc(); j++) {
            ids.add(StreamIds.parseStrict(request.arg(j)));
        }
        long acked = 0;
        for (StreamId id : ids) {
            if (group.acknowledge(id)) {
                acked++;
            }
        }
        return request.changes(acked);
    }
}
