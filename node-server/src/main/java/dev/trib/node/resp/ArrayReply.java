package dev.trib.node.resp;

import java.util.List;

/** {@code *n\r\n} followed by n replies. */
public final class ArrayReply extends AggregateReply {
    public ArrayReply(List<? extends RespReply> items) {
        super(items, '*');
    }
}
