package dev.trib.node.command.hash;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** HDEL key field [field ...]: fields removed; the key goes away with its last field. */
public final class HDelCommand implements Command {
    private final Keyspace keyspace;

    public HDelCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        Key key = request.key(1);
        HashValue hash = keyspace.get(key, HashValue.class);
        if (hash == null) {
            return Replies.ZERO;
        }
        long deleted = 0;
        for (int i = 2; i < request.argc(); i++) {
            if (hash.remove(Key.of(request.arg(i)))) {
                deleted++;
                if (hash.size() == 0) {
                    keyspace.delete(key);
                    break;
                }
            }
        }
        return Replies.integer(deleted);
    }
}
