package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.RedisValue;
import dev.trib.node.keyspace.ValueType;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import java.util.EnumMap;
import java.util.Map;

/** TYPE key: +string, +list, +set, +zset, +hash or +none. */
public record TypeCommand(Keyspace keyspace) implements Command {
    private static final SimpleStringReply NONE = new SimpleStringReply("none");
    private static final Map<ValueType, SimpleStringReply> REPLIES = new EnumMap<>(ValueType.class);

    static {
        for (ValueType t : ValueType.values()) {
            REPLIES.put(t, new SimpleStringReply(t.typeName()));
        }
    }

    @Override
    public RespReply execute(CommandRequest request) {
        // Not an access: redis-server looks TYPE's key up with LOOKUP_NOTOUCH.
        KeyEntry entry = keyspace.peek(request.key(1));
        RedisValue value = entry == null ? null : entry.value();
        return value == null ? NONE : REPLIES.get(value.type());
    }
}
