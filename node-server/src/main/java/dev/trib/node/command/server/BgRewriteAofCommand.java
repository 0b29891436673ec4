package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import dev.trib.node.server.ServerContext;

/** BGREWRITEAOF: a new base snapshot replaces the AOF's history (also when the AOF is off, as in Redis). */
record BgRewriteAofCommand(ServerContext server) implements Command {
    private static final SimpleStringReply STARTED =
            new SimpleStringReply("Background append only file rewriting started");
    private static final ErrorReply RUNNING =
            new ErrorReply("ERR Background append only file rewriting already in progress");

    @Override
    public RespReply execute(CommandRequest request) {
        return server.persistence().aof().rewrite() ? STARTED : RUNNING;
    }
}
