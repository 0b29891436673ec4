package dev.trib.node.command.string;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.keyspace.WrongTypeException;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;

/** INCR, DECR, INCRBY and DECRBY. The stored value must be canonical integer text; the TTL is kept. */
public record IncrByCommand(Keyspace keyspace, Delta delta) implements Command {
    private static final ErrorReply DECREMENT_OVERFLOW = new ErrorReply("ERR decrement would overflow");

    /** What the call adds: 1, -1, its argument, or its argument negated. */
    @FunctionalInterface
    public interface Delta {
        long of(CommandRequest request);
    }

    /** INCRBY's argument. */
    public static long argument(CommandRequest request) {
        return Args.toLong(request.arg(2));
    }

    /** DECRBY's argument, negated; the one value whose negation overflows is refused. */
    public static long negatedArgument(CommandRequest request) {
        long by = Args.toLong(request.arg(2));
        if (by == Long.MIN_VALUE) {
            throw Errors.fail(DECREMENT_OVERFLOW);
        }
        return -by;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long delta = this.delta.of(request);
        Key key = request.key(1);
        KeyEntry entry = keyspace.lookup(key);
        long value = 0;
        if (entry != null && entry.isCounter()) {
            value = entry.counter();
        } else if (entry != null) {
            if (!(entry.value() instanceof StringValue current)) {
                throw new WrongTypeException();
            }
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
        keyspace.overwriteInteger(key, result);
        return Replies.integer(result);
    }
}
