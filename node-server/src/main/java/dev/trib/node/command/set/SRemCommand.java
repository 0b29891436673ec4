package dev.trib.node.command.set;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Key;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.SetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** SREM key member [member ...]: members removed; the key goes away with its last member. */
public final class SRemCommand implements Command {
    private final Keyspace keyspace;

    public SRemCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        Key key = request.key(1);
        SetValue set = keyspace.get(key, SetValue.class);
        if (set == null) {
            return Replies.ZERO;
        }
        long removed = 0;
        for (int i = 2; i < request.argc(); i++) {
            if (set.remove(request.arg(i))) {
                removed++;
                if (set.size() == 0) {
                    keyspace.delete(key);
                    break;
                }
            }
        }
        return Replies.integer(removed);
    }
}
