package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Out-of-band data (pub/sub messages and subscription changes): {@code >n} in RESP3, where a client tells it
 * from replies to its commands, and an array in RESP2.
 */
public final class PushReply implements RespReply {
    private final List<? extends RespReply> items;

    public PushReply(List<? extends RespReply> items) {
        this.items = items;
    }

    public List<? extends RespReply> items() {
        return items;
    }

    @Override
    public void writeTo(ByteBuf out) {
        writeTo(out, 2);
    }

    @Override
    public void writeTo(ByteBuf out, int protocol) {
        RespWire.writeAggregate(out, protocol < 3 ? '*' : '>', items, protocol);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PushReply p && p.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return ">" + items;
    }
}
