package dev.trib.node.command;

import dev.trib.node.resp.RespReply;

/**
 * One Redis command (or a tight group of variants). Implementations receive the state they touch
 * through their constructor and run on the keyspace's event loop; arity has already been checked.
 * Errors are returned as replies or thrown as {@link RedisError} / WrongTypeException.
 */
@FunctionalInterface
public interface Command {
    RespReply execute(CommandRequest request);
}
