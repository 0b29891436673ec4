package dev.trib.node.command;

import dev.trib.node.resp.RespReply;

/**
 * A command that left its client waiting (BLPOP, WAIT ...), seen from outside: how the wait ends early, for CLIENT
 * UNBLOCK and for a node that stops serving the keys waited on.
 */
public interface BlockedCall {
    /** Ends the wait now with the reply its timeout would give. */
    void timeOut();

    /** Ends the wait now with this reply (an error) instead. */
    void fail(RespReply error);
}
