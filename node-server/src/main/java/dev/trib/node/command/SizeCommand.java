package dev.trib.node.command;

import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.ValueType;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.function.ToIntFunction;

/**
 * HLEN, LLEN, SCARD, ZCARD and STRLEN key: the size of the value of one type at the key, 0 when there is none (a
 * value of another type is WRONGTYPE).
 */
public record SizeCommand<T extends RedisValue>(Keyspace keyspace, Class<T> type, ToIntFunction<T> size)
        implements Command {
    @Override
    public ValueType valueType() {
        return ValueType.of(type);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        T value = keyspace.get(request.key(1), type);
        return Replies.integer(value == null ? 0 : size.applyAsInt(value));
    }
}
