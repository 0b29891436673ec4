package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** DBSIZE: number of keys, including expired ones not yet reclaimed (as in Redis). */
public record DbSizeCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return Replies.integer(keyspace.size());
    }
}
