package dev.trib.node.command;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.ValueType;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;
import java.util.List;

/**
 * LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count] and ZMPOP ... MIN|MAX [COUNT count]: pops from the first of
 * the keys holding a value, replying with its name and what was popped (nil when none holds one); a wrong type is
 * met in key order. Replicas get the single-key pop it amounted to (LPOP/RPOP, ZPOPMIN/ZPOPMAX key n).
 *
 * @param ends  the two END words, first end first (LEFT, MIN)
 * @param pops  the single-key pop for each end, as replicated
 * @param popper pops up to count elements of a value from one end (true: the first), one reply element each
 */
public record MPopCommand<V extends RedisValue>(Keyspace keyspace, Class<V> type, List<String> ends,
        List<String> pops, Popper<V> popper) implements NumKeysCommand {
    private static final ErrorReply COUNT = new ErrorReply("ERR count should be greater than 0");

    /** One value's pop. */
    @FunctionalInterface
    public interface Popper<V> {
        List<RespReply> pop(Key key, V value, long count, boolean firstEnd);
    }

    @Override
    public ValueType valueType() {
        return ValueType.of(type);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long numkeys = NumKeys.count(request, 1);
        if (2 + numkeys >= request.argc()) {
            return Errors.SYNTAX;
        }
        int whereIndex = 2 + (int) numkeys;
        boolean first = request.argIs(whereIndex, ends.get(0));
        if (!first && !request.argIs(whereIndex, ends.get(1))) {
            return Errors.SYNTAX;
        }
        long count = -1;
        for (int j = whereIndex + 1; j < request.argc(); j++) {
            if (count == -1 && request.argIs(j, "count") && j < request.argc() - 1) {
                Long n = IntegerText.parse(request.arg(++j));
                if (n == null || n < 1) {
                    return COUNT;
                }
                count = n;
            } else {
                return Errors.SYNTAX;
            }
        }
        request.propagation().suppress();
        for (int i = 2; i < whereIndex; i++) {
            Key key = request.key(i);
            V value = keyspace.get(key, type);
            if (value != null) {
                List<RespReply> popped = popper.pop(key, value, count == -1 ? 1 : count, first);
                request.propagation().replaceWith(List.of(Propagation.ascii(pops.get(first ? 0 : 1)), key.bytes(),
                        Propagation.ascii(Integer.toString(popped.size()))));
                return Replies.array(List.of(new BulkReply(key.bytes()), Replies.array(popped)));
            }
        }
        return Replies.NULL_ARRAY;
    }
}
