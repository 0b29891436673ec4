package dev.trib.node.command.string;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/** SETEX key seconds value and PSETEX key milliseconds value. */
public record SetExCommand(Keyspace keyspace, boolean millis) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        RespReply reply = SetCommand.set(keyspace, request.propagation(), millis ? "psetex" : "setex", request.arg(1), request.arg(3),
                millis ? SetCommand.PX : SetCommand.EX, request.arg(2), Replies.OK, Replies.NULL_BULK);
        request.propagation().pinTtl(keyspace, request.key(1));
        return reply;
    }
}
