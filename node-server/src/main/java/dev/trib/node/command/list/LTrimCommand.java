package dev.trib.node.command.list;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** LTRIM key start stop: keeps the range; an empty range deletes the key. */
public record LTrimCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        long start = Args.toLong(request.arg(2));
        long end = Args.toLong(request.arg(3));
        Key key = request.key(1);
        ListValue list = keyspace.get(key, ListValue.class);
        if (list == null) {
            return Replies.OK;
        }
        int[] range = ListIndexes.range(start, end, list.size());
        if (range == null) {
            keyspace.delete(key);
        } else if (range[0] > 0 || range[1] < list.size() - 1) {
            list.retainRange(range[0], range[1]);
        }
        return Replies.OK;
    }
}
