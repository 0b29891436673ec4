package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.List;
import java.util.function.Function;

/**
 * SINTERSTORE, SUNIONSTORE and SDIFFSTORE destination key [key ...]: the result replaces the destination (which is
 * deleted when the result is empty); the reply is its size.
 */
public record SStoreCommand(Keyspace keyspace, Function<List<SetValue>, SetValue> operation) implements Command {
    public static SStoreCommand inter(Keyspace ks) {
        return new SStoreCommand(ks, sets -> {
            SetValue out = new SetValue();
            if (!sets.contains(null)) {
                Sets.intersection(sets).forEach(out::add);
            }
            return out;
        });
    }

    public static SStoreCommand union(Keyspace ks) {
        return new SStoreCommand(ks, Sets::union);
    }

    public static SStoreCommand diff(Keyspace ks) {
        return new SStoreCommand(ks, Sets::difference);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        SetValue result = operation.apply(Sets.lookup(keyspace, request, 2));
        Key target = request.key(1);
        if (result.size() == 0) {
            keyspace.delete(target);
        } else {
            keyspace.set(target, result);
        }
        return Replies.integer(result.size());
    }
}
