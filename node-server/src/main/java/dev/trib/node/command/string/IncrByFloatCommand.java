package dev.trib.node.command.string;

import dev.trib.node.command.Propagation;
import java.util.List;
import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.LongDouble;

/**
 * INCRBYFLOAT key increment, computed in 80-bit long double and stored as %.17Lf text with
 * trailing zeros removed — what x86-64 Redis does, so "10.5" + "0.1" gives "10.6".
 */
public record IncrByFloatCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Key key = request.key(1);
        StringValue current = keyspace.get(key, StringValue.class);
        LongDouble value = current == null ? LongDouble.of(0) : Args.toLongDouble(current.bytes());
        LongDouble increment = Args.toLongDouble(request.arg(2));
        LongDouble sum = value.add(increment);
        if (sum == null || sum.isInfinite()) {
            return Errors.NAN_OR_INFINITY;
        }
        byte[] text = sum.toHumanText();
        keyspace.overwrite(key, new StringValue(text));
        // Replicas get the result, not the float arithmetic (Redis does the same).
        request.propagation().replaceWith(List.of(Propagation.ascii("SET"), key.bytes(), text,
                Propagation.ascii("KEEPTTL")));
        return new BulkReply(text);
    }
}
