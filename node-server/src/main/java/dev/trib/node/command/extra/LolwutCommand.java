package dev.trib.node.command.extra;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.config.ServerIdentity;
import dev.trib.node.resp.VerbatimReply;
import dev.trib.node.resp.RespReply;
import dev.trib.node.text.IntegerText;

/**
 * LOLWUT [VERSION v]: redis-server 7.0's answer, its version line. The generative art of VERSION 5 and 6 (random
 * on every call in Redis too) is not drawn; those versions also get the version line.
 */
record LolwutCommand() implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() >= 3 && request.argIs(1, "version") && IntegerText.parse(request.arg(2)) == null) {
            return dev.trib.node.command.Errors.NOT_INTEGER;
        }
        return VerbatimReply.of("Redis ver. " + ServerIdentity.REDIS_VERSION + "\n");
    }
}
