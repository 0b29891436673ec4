package dev.trib.node.command.zset;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.ZSetValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** ZCARD key. */
public final class ZCardCommand implements Command {
    private final Keyspace keyspace;

    public ZCardCommand(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    @Override
    public RespReply execute(CommandRequest request) {
        ZSetValue zset = keyspace.get(request.key(1), ZSetValue.class);
        return Replies.integer(zset == null ? 0 : zset.size());
    }
}
