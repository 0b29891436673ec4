package dev.trib.node.command.list;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.Arrays;

/** LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without the key. */
public record LInsertCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        boolean after;
        if (request.argIs(2, "after")) {
            after = true;
        } else if (request.argIs(2, "before")) {
            after = false;
        } else {
            return Errors.SYNTAX;
        }
        ListValue list = keyspace.get(request.key(1), ListValue.class);
        if (list == null) {
            return Replies.ZERO;
        }
        byte[] pivot = request.arg(3);
        for (int i = 0; i < list.size(); i++) {
            if (Arrays.equals(list.get(i), pivot)) {
                list.insert(after ? i + 1 : i, request.arg(4));
                return Replies.integer(list.size());
            }
        }
        return Replies.MINUS_ONE;
    }
}
