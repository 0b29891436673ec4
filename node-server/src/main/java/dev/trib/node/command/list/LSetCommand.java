package dev.trib.node.command.list;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** LSET key index element: "no such key" for a missing list, "index out of range" past its ends. */
public record LSetCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        ListValue list = keyspace.get(request.key(1), ListValue.class);
        if (list == null) {
            return Errors.NO_SUCH_KEY;
        }
        int i = ListIndexes.resolve(Args.toLong(request.arg(2)), list.size());
        if (i < 0) {
            return Errors.INDEX_OUT_OF_RANGE;
        }
        list.set(i, request.arg(3));
        return Replies.OK;
    }
}
