package dev.trib.node.command.acl;

import dev.trib.node.acl.AclRuleException;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** ACL SETUSER name [rule ...]: creates or changes a user; a bad rule changes nothing. */
record AclSetUserCommand(ServerContext server) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        String name = new String(request.arg(2), StandardCharsets.ISO_8859_1);
        List<String> rules = new ArrayList<>();
        for (int i = 3; i < request.argc(); i++) {
            rules.add(new String(request.arg(i), StandardCharsets.ISO_8859_1));
        }
        try {
            server.acl().setUser(name, rules);
        } catch (AclRuleException e) {
            return new ErrorReply("ERR Error in ACL SETUSER modifier '" + e.rule() + "': " + e.getMessage());
        }
        server.clients().userChanged(name, request.session());
        return Replies.OK;
    }
}
