package dev.trib.node.command.list;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * LREM key count element: removes up to |count| matches from the head (count > 0), from the tail
 * (count < 0), or all of them (0).
 */
public record LRemCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        long count = Args.toLong(request.arg(2));
        Key key = request.key(1);
        ListValue list = keyspace.get(key, ListValue.class);
        if (list == null) {
            return request.unchanged(Replies.ZERO);
        }
        byte[] element = request.arg(3);
        boolean fromTail = count < 0;
        long limit = count == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(count);
        List<byte[]> items = list.toList();
        if (fromTail) {
            Collections.reverse(items);
        }
        List<byte[]> kept = new ArrayList<>(items.size());
        long removed = 0;
        for (byte[] item : items) {
            if ((limit == 0 || removed < limit) && Arrays.equals(item, element)) {
                removed++;
            } else {
                kept.add(item);
            }
        }
        if (removed > 0) {
            if (fromTail) {
                Collections.reverse(kept);
            }
            list.replaceWith(kept);
        }
        if (list.isEmpty()) {
            keyspace.delete(key);
        }
        return request.changes(removed);
    }
}
