package dev.trib.node.command.connection;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CLIENT NO-EVICT / NO-TOUCH on|off: accepted, nothing to change (no eviction here). */
public final class ClientNoOpCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (!request.argIs(2, "on") && !request.argIs(2, "off")) {
            return Errors.SYNTAX;
        }
        return Replies.OK;
    }
}
