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
import java.util.ArrayList;
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

    /** A parsed call: the keys in order, which end, and how many to pop at most. */
    public record Call(List<Key> keys, boolean firstEnd, long count, int whereIndex) {
    }

    @Override
    public RespReply execute(CommandRequest request) {
        Call call = parse(request, 1);
        request.propagation().suppress();
        for (Key key : call.keys()) {
            V value = keyspace.get(key, type);
            if (value != null) {
                return pop(request, call, key, value);
            }
        }
        return Replies.NULL_ARRAY;
    }

    /** Reads numkeys (at this index), the keys, the end and COUNT, refusing bad ones in Redis's order. */
    public Call parse(CommandRequest request, int numkeysIndex) {
        long numkeys = NumKeys.count(request, numkeysIndex);
        if (numkeysIndex + 1 + numkeys >= request.argc()) {
            throw Errors.fail(Errors.SYNTAX);
        }
        int whereIndex = numkeysIndex + 1 + (int) numkeys;
        boolean first = request.argIs(whereIndex, ends.get(0));
        if (!first && !request.argIs(whereIndex, ends.get(1))) {
            throw Errors.fail(Errors.SYNTAX);
        }
        long count = -1;
        for (int j = whereIndex + 1; j < request.argc(); j++) {
            if (count == -1 && request.argIs(j, "count") && j < request.argc() - 1) {
                Long n = IntegerText.parse(request.arg(++j));
                if (n == null || n < 1) {
                    throw Errors.fail(COUNT);
                }
                count = n;
            } else {
                throw Errors.fail(Errors.SYNTAX);
            }
        }
        List<Key> keys = new ArrayList<>();
        for (int i = numkeysIndex + 1; i < whereIndex; i++) {
            keys.add(request.key(i));
        }
        return new Call(keys, first, count == -1 ? 1 : count, whereIndex);
    }

    /** Pops from one key's value as the call asks: the reply, and the single-key pop replicas get. */
    public RespReply pop(CommandRequest request, Call call, Key key, V value) {
        List<RespReply> popped = popper.pop(key, value, call.count(), call.firstEnd());
        request.propagation().replaceWith(List.of(Propagation.ascii(pops.get(call.firstEnd() ? 0 : 1)), key.bytes(),
                Propagation.ascii(Integer.toString(popped.size()))));
        return Replies.array(List.of(new BulkReply(key.bytes()), Replies.array(popped)));
    }
}
