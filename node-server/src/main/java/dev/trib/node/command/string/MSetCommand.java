package dev.trib.node.command.string;

import dev.trib.node.command.Command;
import dev.trib.node.command.CommandRequest;
import dev.trib.node.command.Errors;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.keyspace.StringValue;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;

/**
 * MSET key value [key value ...], and MSETNX, which sets nothing (0) when one of the keys exists (1 otherwise). An
 * unpaired key is an arity error, as in Redis.
 */
public record MSetCommand(Keyspace keyspace, boolean onlyIfNoneExists) implements Command {
    @Override
    public RespReply execute(CommandRequest request) {
        if (request.argc() % 2 == 0) {
            return Errors.wrongArity(onlyIfNoneExists ? "msetnx" : "mset");
        }
        if (onlyIfNoneExists) {
            for (int i = 1; i < request.argc(); i += 2) {
                if (keyspace.exists(request.key(i))) {
                    return request.unchanged(Replies.ZERO);
                }
            }
        }
        for (int i = 1; i < request.argc(); i += 2) {
            keyspace.set(request.key(i), new StringValue(request.arg(i + 1)));
        }
        return onlyIfNoneExists ? Replies.ONE : Replies.OK;
    }
}
