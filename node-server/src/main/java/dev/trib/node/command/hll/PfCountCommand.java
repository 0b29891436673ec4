package dev.trib.node.command.hll;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * PFCOUNT key [key ...]: one key's estimate, from its cache when valid; when not, the estimate is computed and
 * cached in the value, and (as redis-server, although PFCOUNT is read-only) the command is propagated so replicas
 * hold the same bytes. Several keys: the estimate of their union, nothing stored; missing keys count as empty.
 */
record PfCountCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 2) {
            byte[] max = new byte[Hll.REGISTERS];
            for (int i = 1; i < request.argc(); i++) {
                Hll hll = HllKeys.read(keyspace, request.key(i));
                if (hll != null && !hll.mergeInto(max)) {
                    return HllKeys.CORRUPT;
                }
            }
            return Replies.integer(Hll.countRaw(max));
        }
        Key key = request.key(1);
        Hll hll = HllKeys.read(keyspace, key);
        if (hll == null) {
            return Replies.ZERO;
        }
        if (hll.cacheValid()) {
            return Replies.integer(hll.cachedCardinality());
        }
        long card = hll.count();
        if (card < 0) {
            return HllKeys.CORRUPT;
        }
        hll.cacheCardinality(card);
        HllKeys.write(keyspace, key, hll);
        request.propagation().replaceWith(request.args());
        return Replies.integer(card);
    }
}
