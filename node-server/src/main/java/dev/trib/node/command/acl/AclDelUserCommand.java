package dev.trib.node.command.acl;

import dev.trib.node.acl.Acl;
import dev.trib.node.command.ClientSession;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import java.nio.charset.StandardCharsets;

/**
 * ACL DELUSER name [name ...]: how many existed. Connections logged in as a removed user are dropped, as in Redis
 * (here at their next command, which is not run).
 */
record AclDelUserCommand(ServerContext server) implements Command {
    private static final ErrorReply DEFAULT = new ErrorReply("ERR The 'default' user cannot be removed");

    @Override
    public RespReply execute(CommandRequest request) {
        for (int i = 2; i < request.argc(); i++) {
            if (name(request, i).equals(Acl.DEFAULT_USER)) {
                return DEFAULT;
            }
        }
        int removed = 0;
        for (int i = 2; i < request.argc(); i++) {
            String name = name(request, i);
            if (server.acl().deleteUser(name)) {
                removed++;
                for (ClientSession s : server.clients().all()) {
                    if (s.user().equals(name) && s != request.session()) {
                        s.closeWithoutReply();
                    }
                }
                if (request.session().user().equals(name)) {
                    request.session().closeAfterReply();
                }
            }
        }
        return Replies.integer(removed);
    }

    private static String name(CommandRequest request, int i) {
        return new String(request.arg(i), StandardCharsets.ISO_8859_1);
    }
}
