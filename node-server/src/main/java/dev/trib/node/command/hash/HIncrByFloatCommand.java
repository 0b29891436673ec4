package dev.trib.node.command.hash;

import dev.trib.node.command.Propagation;
import java.util.List;
import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.LongDouble;

/** HINCRBYFLOAT key field increment, in long double like INCRBYFLOAT. */
public record HIncrByFloatCommand(Keyspace keyspace) implements Command {
    private static final ErrorReply NAN_OR_INFINITY_ARG = new ErrorReply("ERR value is NaN or Infinity");
    private static final ErrorReply NOT_FLOAT = new ErrorReply("ERR hash value is not a float");

    @Override
    public RespReply execute(CommandRequest request) {
        LongDouble increment = Args.toLongDouble(request.arg(3));
        if (increment.isInfinite()) {
            return NAN_OR_INFINITY_ARG;
        }
        HashValue hash = Hashes.getOrCreate(keyspace, request.key(1));
        Key field = Key.of(request.arg(2));
        byte[] current = hash.get(field);
        LongDouble value = LongDouble.of(0);
        if (current != null) {
            value = LongDouble.parse(current);
            if (value == null) {
                return NOT_FLOAT;
            }
        }
        LongDouble sum = value.add(increment);
        if (sum == null || sum.isInfinite()) {
            return Errors.NAN_OR_INFINITY;
        }
        byte[] text = sum.toHumanText();
        hash.put(field, text);
        request.propagation().replaceWith(List.of(Propagation.ascii("HSET"), request.arg(1), request.arg(2), text));
        return new BulkReply(text);
    }
}
