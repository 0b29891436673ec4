package dev.trib.node.command.list;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** LINDEX key index: the key is looked up before the index is parsed, as in Redis. */
public record LIndexCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ListValue list = keyspace.get(request.key(1), ListValue.class);
        if (list == null) {
            return Replies.NULL_BULK;
        }
        int i = ListIndexes.resolve(Args.toLong(request.arg(2)), list.size());
        return i < 0 ? Replies.NULL_BULK : new BulkReply(list.get(i));
    }
}
