package dev.trib.node.command.keys;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** FLUSHALL / FLUSHDB [ASYNC|SYNC]: with a single database both empty it. */
public record FlushCommand(Keyspace keyspace) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 2 || (request.argc() == 2 && !request.argIs(1, "sync") && !request.argIs(1, "async"))) {
            return Errors.SYNTAX;
        }
        keyspace.flush();
        return Replies.OK;
    }
}
