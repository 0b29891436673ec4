package dev.trib.node.resp;

import java.util.List;

/** Distinct members: {@code ~n} in RESP3, an array in RESP2 (SMEMBERS, SINTER, SPOP with a count). */
public final class SetReply extends AggregateReply {
    public SetReply(List<? extends RespReply> items) {
        super(items, '~');
    }
}
