package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.persistence.RdbPersistence;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;

/** SAVE: writes dump.rdb before answering; OK means the file is on disk (fsynced and renamed into place). */
record SaveCommand(ServerContext server) implements Command {
    static final ErrorReply BGSAVE_RUNNING = new ErrorReply("ERR Background save already in progress");

    @Override
    public RespReply execute(CommandRequest request) {
        RdbPersistence rdb = server.persistence().rdb();
        if (rdb.inProgress()) {
            return BGSAVE_RUNNING;
        }
        return rdb.save() ? Replies.OK : new ErrorReply("ERR");
    }
}
