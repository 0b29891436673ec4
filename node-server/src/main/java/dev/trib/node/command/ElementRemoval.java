package dev.trib.node.command;

import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.resp.RespReply;
import java.util.function.BiPredicate;
import java.util.function.ToIntFunction;

/** HDEL, SREM and ZREM alike: key, then elements; each removed once; the key goes away with its last element. */
public final class ElementRemoval {
    private ElementRemoval() {
    }

    /** @return how many of the named elements were there (0 for a missing key) */
    public static <V extends RedisValue> RespReply remove(Keyspace keyspace, CommandRequest request, Class<V> type,
                                                          BiPredicate<V, byte[]> removeOne, ToIntFunction<V> size) {
        Key key = request.key(1);
        V value = keyspace.get(key, type);
        if (value == null) {
            return request.changes(0);
        }
        long removed = 0;
        for (int i = 2; i < request.argc(); i++) {
            if (removeOne.test(value, request.arg(i))) {
                removed++;
                if (size.applyAsInt(value) == 0) {
                    keyspace.delete(key);
                    break;
                }
            }
        }
        return request.changes(removed);
    }
}
