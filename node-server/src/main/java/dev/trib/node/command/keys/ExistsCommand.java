package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** EXISTS key [key ...]: how many of the named keys exist; a key named twice counts twice. */
public final class ExistsCommand implements Command {
    private final Keyspace keyspace;

    public ExistsCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        long count = 0;
        for (int i = 1; i < request.argc(); i++) {
            if (keyspace.exists(request.key(i))) {
                count++;
            }
        }
        return Replies.integer(count);
    }
}
