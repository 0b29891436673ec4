package dev.trib.node.command.acl;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** ACL LOG [count | RESET]: this node keeps no log of refusals, so the log is always empty. */
final class AclLogCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return request.argc() == 3 && request.argIs(2, "reset") ? Replies.OK : Replies.EMPTY_ARRAY;
    }
}
