package dev.trib.node.command.server;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.time.Instant;
import java.util.List;

/** TIME: the server's clock as unix seconds and the microseconds within that second. */
record TimeCommand() implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        Instant now = Instant.now();
        return Replies.array(List.of(Replies.bulk(now.getEpochSecond()), Replies.bulk(now.getNano() / 1000)));
    }
}
