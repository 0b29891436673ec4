package dev.trib.node.command.acl;

import dev.trib.node.acl.AclUser;
import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.node.server.ServerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** ACL LIST (each user as the rules that rebuild it) and ACL USERS (the names), sorted by name. */
record AclListCommand(ServerContext server, Function<AclUser, String> line) implements Command {
    static AclListCommand rules(ServerContext server) {
        return new AclListCommand(server, u -> "user " + u.name() + " " + u.describe());
    }

    static AclListCommand names(ServerContext server) {
        return new AclListCommand(server, AclUser::name);
    }

    @Override
    public RespReply execute(CommandRequest request) {
        List<BulkReply> out = new ArrayList<>();
        for (AclUser u : server.acl().users()) {
            out.add(BulkReply.of(line.apply(u)));
        }
        return Replies.array(out);
    }
}
