package dev.trib.node.command.list;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ListValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * LPOP and RPOP key [count]. Without a count: one bulk (nil when missing). With a count: an array
 * in pop order (nil array when missing, empty array for count 0).
 */
public record PopCommand(Keyspace keyspace, boolean head) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 3) {
            return Errors.wrongArity(head ? "lpop" : "rpop");
        }
        boolean hasCount = request.argc() == 3;
        long count = hasCount ? Args.toNonNegativeLong(request.arg(2)) : 1;
        Key key = request.key(1);
        ListValue list = keyspace.get(key, ListValue.class);
        if (list == null) {
            return request.unchanged(hasCount ? Replies.NULL_ARRAY : Replies.NULL_BULK);
        }
        if (hasCount && count == 0) {
            return request.unchanged(Replies.EMPTY_ARRAY);
        }
        List<RespReply> out = new ArrayList<>((int) Math.min(count, list.size()));
        pop(keyspace, key, list, count, head, element -> out.add(new BulkReply(element)));
        return hasCount ? Replies.array(out) : out.get(0);
    }

    /** Pops up to count elements from one end (LPOP, RPOP, LMPOP); the key goes away with its last element. */
    static void pop(Keyspace keyspace, Key key, ListValue list, long count, boolean head, Consumer<byte[]> out) {
        for (long i = 0; i < count && !list.isEmpty(); i++) {
            out.accept(head ? list.removeFirst() : list.removeLast());
        }
        if (list.isEmpty()) {
            keyspace.delete(key);
        }
    }
}
