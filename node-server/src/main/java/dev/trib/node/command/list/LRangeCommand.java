package dev.trib.node.command.list;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;

/** LRANGE key start stop. */
public record LRangeCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        long start = Args.toLong(request.arg(2));
        long end = Args.toLong(request.arg(3));
        ListValue list = keyspace.get(request.key(1), ListValue.class);
        if (list == null) {
            return Replies.EMPTY_ARRAY;
        }
        int[] range = ListIndexes.range(start, end, list.size());
        if (range == null) {
            return Replies.EMPTY_ARRAY;
        }
        List<RespReply> out = new ArrayList<>(range[1] - range[0] + 1);
        for (int i = range[0]; i <= range[1]; i++) {
            out.add(new BulkReply(list.get(i)));
        }
        return Replies.array(out);
    }
}
