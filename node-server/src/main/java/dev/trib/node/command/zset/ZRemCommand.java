package dev.trib.node.command.zset;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** ZREM key member [member ...]: members removed; the key goes away with its last member. */
public final class ZRemCommand implements Command {
    private final Keyspace keyspace;

    public ZRemCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        Key key = request.key(1);
        ZSetValue zset = keyspace.get(key, ZSetValue.class);
        if (zset == null) {
            return Replies.ZERO;
        }
        long removed = 0;
        for (int i = 2; i < request.argc(); i++) {
            if (zset.remove(Key.of(request.arg(i)))) {
                removed++;
            }
            if (zset.size() == 0) {
                keyspace.delete(key);
                break;
            }
        }
        return Replies.integer(removed);
    }
}
