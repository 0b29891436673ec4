package dev.trib.node.command.hll;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.RespReply;
import java.util.function.LongSupplier;

/**
 * PFADD key [element ...]: 1 when the key was created or a register grew (the cached cardinality then goes stale),
 * else 0 and nothing is propagated.
 */
record PfAddCommand(Keyspace keyspace, LongSupplier sparseMaxBytes) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Key key = request.key(1);
        Hll hll = HllKeys.read(keyspace, key);
        boolean updated = false;
        if (hll == null) {
            hll = Hll.empty();
            updated = true;
        }
        long max = sparseMaxBytes.getAsLong();
        for (int i = 2; i < request.argc(); i++) {
            int result = hll.add(request.arg(i), max);
            if (result < 0) {
                return HllKeys.CORRUPT;
            }
            updated |= result == 1;
        }
        if (updated) {
            hll.invalidateCache();
            HllKeys.write(keyspace, key, hll);
        }
        return request.changes(updated ? 1 : 0);
    }
}
