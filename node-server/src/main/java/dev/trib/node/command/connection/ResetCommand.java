package dev.trib.node.command.connection;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.RespReply;
import dev.trib.node.resp.SimpleStringReply;
import dev.trib.node.server.ServerContext;

/**
 * RESET: the connection as if new, as redis-server's: no transaction, watched key or subscription, database 0, the
 * default user (logged in when it needs no password), no name, no ASKING or READONLY, RESP2.
 */
public record ResetCommand(ServerContext server) implements Command {
    private static final SimpleStringReply RESET = new SimpleStringReply("RESET");

    @Override
    public RespReply execute(CommandRequest request) {
        ClientSession session = request.session();
        session.endTransaction();
        server.clients().release(session); // its subscriptions too, without unsubscribe messages, as Redis
        session.selectDb(0);
        session.user("default");
        session.authenticated(!server.requiresPassword());
        session.name("");
        session.asking(false);
        session.readOnly(false);
        session.protocol(2);
        return RESET;
    }
}
