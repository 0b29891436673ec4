package dev.trib.node.resp;

import java.util.List;

/**
 * Out-of-band data (pub/sub messages and subscription changes): {@code >n} in RESP3, where a client tells it
 * from replies to its commands, and an array in RESP2.
 */
public final class PushReply extends AggregateReply {
    public PushReply(List<? extends RespReply> items) {
        super(items, '>');
    }
}
