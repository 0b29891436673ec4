package dev.trib.node.command.keys;

import dev.trib.node.command.Args;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.KeyEntry;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.rdb.DumpPayload;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * COPY source destination [DB index] [REPLACE]: an independent copy of the value (through its DUMP form, so every
 * type and encoding copies alike) with the source's TTL. This node has database 0 only; in cluster mode another
 * index in redis-server's default range gets its cluster-mode refusal.
 */
public record CopyCommand(Keyspace keyspace, boolean clusterEnabled) implements Command {
    private static final ErrorReply SAME = new ErrorReply("ERR source and destination objects are the same");
    private static final ErrorReply OUT_OF_RANGE = new ErrorReply("ERR DB index is out of range");
    private static final ErrorReply CLUSTER_MODE =
            new ErrorReply("ERR Copying to another database is not allowed in cluster mode");
    /** redis-server's default `databases`, what a cluster node would accept before refusing another database. */
    private static final long CLUSTER_DATABASES = 16;

    @Override
    public RespReply execute(CommandRequest request) {
        boolean replace = false;
        long db = 0;
        for (int j = 3; j < request.argc(); j++) {
            if (request.argIs(j, "replace")) {
                replace = true;
            } else if (request.argIs(j, "db") && j + 1 < request.argc()) {
                db = Args.toLong(request.arg(++j));
                if (db < 0 || db >= (clusterEnabled ? CLUSTER_DATABASES : 1)) {
                    return OUT_OF_RANGE;
                }
            } else {
                return Errors.SYNTAX;
            }
        }
        if (db != 0) {
            return CLUSTER_MODE;
        }
        Key source = request.key(1);
        Key target = request.key(2);
        if (source.equals(target)) {
            return SAME;
        }
        KeyEntry entry = keyspace.lookup(source);
        if (entry == null) {
            return request.unchanged(Replies.ZERO);
        }
        if (keyspace.exists(target)) {
            if (!replace) {
                return request.unchanged(Replies.ZERO);
            }
            keyspace.delete(target);
        }
        long expireAt = entry.expireAt();
        keyspace.add(target, DumpPayload.restore(DumpPayload.dump(entry.value())));
        if (expireAt != KeyEntry.NO_EXPIRE) {
            keyspace.setExpireAt(target, expireAt);
        }
        return Replies.ONE;
    }
}
