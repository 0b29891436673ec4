package dev.trib.node.command.tx;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.Watches;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** WATCH key...: the next EXEC fails (a null array) if one of the keys changes meanwhile. */
record WatchCommand(Keyspace keyspace) implements Command {
    private static final ErrorReply INSIDE_MULTI = new ErrorReply("ERR WATCH inside MULTI is not allowed");

    @Override
    public RespReply execute(CommandRequest request) {
        ClientSession session = request.session();
        if (session.transaction() != null) {
            return INSIDE_MULTI;
        }
        Watches.Watcher watcher = session.watcher(keyspace.watches());
        for (int i = 1; i < request.argc(); i++) {
            watcher.watch(request.key(i));
        }
        return Replies.OK;
    }
}
