package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** CONFIG RESETSTAT: no resettable statistics are kept yet, so only the reply. */
public final class ConfigResetStatCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return Replies.OK;
    }
}
