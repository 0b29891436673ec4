package dev.trib.node.command.string;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;

/** INCR, DECR, INCRBY and DECRBY. The stored value must be canonical integer text; the TTL is kept. */
public final class IncrByCommand implements Command {
    private static final ErrorReply DECREMENT_OVERFLOW = new ErrorReply("ERR decrement would overflow");

    private enum Mode { INCR, DECR, INCRBY, DECRBY }

    private final Keyspace keyspace;
    private final Mode mode;

    private IncrByCommand(Keyspace keyspace, Mode mode) {
        this.keyspace = keyspace;
        this.mode = mode;
    }

    public static IncrByCommand incr(Keyspace ks) {
        return new IncrByCommand(ks, Mode.INCR);
    }

    public static IncrByCommand decr(Keyspace ks) {
        return new IncrByCommand(ks, Mode.DECR);
    }

    public static IncrByCommand incrBy(Keyspace ks) {
        return new IncrByCommand(ks, Mode.INCRBY);
    }

    public static IncrByCommand decrBy(Keyspace ks) {
        return new IncrByCommand(ks, Mode.DECRBY);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long delta = switch (mode) {
            case INCR -> 1;
            case DECR -> -1;
            case INCRBY -> Args.toLong(request.arg(2));
            case DECRBY -> {
                long by = Args.toLong(request.arg(2));
                if (by == Long.MIN_VALUE) {
                    throw Errors.fail(DECREMENT_OVERFLOW);
                }
                yield -by;
            }
        };
        Key key = request.key(1);
        StringValue current = keyspace.get(key, StringValue.class);
        long value = 0;
        if (current != null) {
            Long parsed = IntegerText.parse(current.bytes());
            if (parsed == null) {
                return Errors.NOT_INTEGER;
            }
            value = parsed;
        }
        long result = value + delta;
        if (((value ^ result) & (delta ^ result)) < 0) {
            return Errors.OVERFLOW;
        }
        keyspace.overwrite(key, new StringValue(IntegerText.format(result)));
        return Replies.integer(result);
    }
}
