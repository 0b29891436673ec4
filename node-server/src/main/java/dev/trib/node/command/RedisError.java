package dev.trib.node.command;

import dev.trib.node.resp.ErrorReply;

/** Aborts a command with an error reply. Carries no stack trace: it is control flow, not a bug. */
public final class RedisError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorReply reply;

    public RedisError(ErrorReply reply) {
        super(reply.message(), null, false, false);
        this.reply = reply;
    }

    public ErrorReply reply() {
        return reply;
    }
}
