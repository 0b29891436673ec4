package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.IntegerReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;

/** LASTSAVE: Unix time of the last successful save (the start-up time before the first). */
record LastSaveCommand(ServerContext server) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return IntegerReply.of(server.persistence().rdb().lastSaveSeconds());
    }
}
