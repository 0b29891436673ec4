package dev.trib.node.command.hash;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.HashValue;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** HLEN key. */
public final class HLenCommand implements Command {
    private final Keyspace keyspace;

    public HLenCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        HashValue hash = keyspace.get(request.key(1), HashValue.class);
        return Replies.integer(hash == null ? 0 : hash.size());
    }
}
