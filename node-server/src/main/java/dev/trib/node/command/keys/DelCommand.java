package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** DEL and UNLINK key [key ...]: number of keys removed (freeing is synchronous either way here). */
public final class DelCommand implements Command {
    private final Keyspace keyspace;

    public DelCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long deleted = 0;
        for (int i = 1; i < request.argc(); i++) {
            if (keyspace.delete(request.key(i))) {
                deleted++;
            }
        }
        return Replies.integer(deleted);
    }
}
