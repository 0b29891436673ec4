package dev.trib.node.command.blocking;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Propagation;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.ValueType;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * BLPOP / BRPOP and BZPOPMIN / BZPOPMAX key [key ...] timeout: pops one element from the first key holding a value,
 * replying with the key's name and what was popped ([key, element], [key, member, score]), else waits for one of
 * the keys; null array when the time runs out. Replicas get the single-key pop (LPOP key, ZPOPMIN key), whether
 * the client was served at once or after waiting.
 *
 * @param pop    the non-blocking pop it amounts to, as replicated
 * @param popper pops one element of a value, as reply elements; the key goes away with its last element
 */
public record BlockingPopCommand<V extends RedisValue>(KeyWaits waits, Keyspace keyspace, Class<V> type, String pop,
        BiFunction<Key, V, List<RespReply>> popper) implements Command {

    @Override
    public ValueType valueType() {
        return ValueType.of(type);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        int timeoutIndex = request.argc() - 1;
        long timeout = BlockingTimeout.millis(request.arg(timeoutIndex));
        List<Key> keys = new ArrayList<>();
        for (int i = 1; i < timeoutIndex; i++) {
            Key key = request.key(i);
            V value = keyspace.get(key, type);
            if (value != null) {
                List<RespReply> out = new ArrayList<>();
                out.add(new BulkReply(key.bytes()));
                out.addAll(popper.apply(key, value));
                request.propagation().replaceWith(List.of(Propagation.ascii(pop), key.bytes()));
                return Replies.array(out);
            }
            keys.add(key);
        }
        byte[] name = request.arg(0);
        byte[] timeoutArg = request.arg(timeoutIndex);
        return waits.await(request, new KeyWaits.Wait(keys, type, timeout, Replies.NULL_ARRAY,
                key -> List.of(name, key.bytes(), timeoutArg)), Replies.NULL_ARRAY);
    }
}
