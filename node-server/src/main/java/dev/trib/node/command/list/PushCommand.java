package dev.trib.node.command.list;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** LPUSH, RPUSH, LPUSHX and RPUSHX key element [element ...]: the new length (X forms: 0 when missing). */
public record PushCommand(Keyspace keyspace, boolean head, boolean onlyIfExists) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Key key = request.key(1);
        ListValue list = keyspace.get(key, ListValue.class);
        if (list == null) {
            if (onlyIfExists) {
                return request.unchanged(Replies.ZERO);
            }
            list = new ListValue();
            keyspace.add(key, list);
        }
        for (int i = 2; i < request.argc(); i++) {
            if (head) {
                list.addFirst(request.arg(i));
            } else {
                list.addLast(request.arg(i));
            }
        }
        return Replies.integer(list.size());
    }
}
