package dev.trib.node.command;

import dev.trib.node.resp.RespReply;
import java.util.List;

/**
 * A check that runs after lookup and arity and before the command (authentication, cluster
 * redirection), in the order Redis's processCommand applies them.
 */
@FunctionalInterface
public interface RequestGuard {
    /** @return the reply to send instead of running the command, or null to let it run */
    RespReply check(CommandSpec spec, List<byte[]> argv, ClientSession session);

    /**
     * Whether this guard's refusals send the client elsewhere (cluster redirection): a refused EXEC then answers
     * with the redirection itself rather than EXECABORT, as Redis.
     */
    default boolean redirects() {
        return false;
    }

    /**
     * The check EXEC repeats on each queued command just before running it (permissions may have changed since it
     * was queued); its refusal is that command's reply. None by default.
     */
    default RespReply recheck(CommandSpec spec, List<byte[]> argv, ClientSession session) {
        return null;
    }
}
