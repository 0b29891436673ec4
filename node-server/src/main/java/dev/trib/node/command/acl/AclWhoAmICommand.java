package dev.trib.node.command.acl;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.RespReply;

/** ACL WHOAMI: the user this connection runs as. */
final class AclWhoAmICommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return BulkReply.of(request.session().user());
    }
}
