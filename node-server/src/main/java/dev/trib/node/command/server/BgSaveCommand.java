package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import dev.trib.node.server.ServerContext;

/**
 * BGSAVE [SCHEDULE]: the dataset is serialised now and written by a background thread. SCHEDULE
 * only matters in Redis while an AOF rewrite's child runs; here the two never exclude each other.
 */
record BgSaveCommand(ServerContext server) implements Command {
    private static final SimpleStringReply STARTED = new SimpleStringReply("Background saving started");

    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() > 2 || (request.argc() == 2 && !request.argIs(1, "schedule"))) {
            return Errors.SYNTAX;
        }
        return server.persistence().rdb().backgroundSave() ? STARTED : SaveCommand.BGSAVE_RUNNING;
    }
}
