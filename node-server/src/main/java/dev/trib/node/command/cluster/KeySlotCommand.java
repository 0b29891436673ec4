package dev.trib.node.command.cluster;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import dev.trib.planner.topology.KeySlot;

/** CLUSTER KEYSLOT key. */
public final class KeySlotCommand implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        return Replies.integer(KeySlot.of(request.arg(2)));
    }
}
