package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** Distinct members: {@code ~n} in RESP3, an array in RESP2 (SMEMBERS, SINTER, SPOP with a count). */
public final class SetReply implements RespReply {
    private final List<? extends RespReply> items;

    public SetReply(List<? extends RespReply> items) {
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
        RespWire.writeAggregate(out, protocol < 3 ? '*' : '~', items, protocol);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetReply s && s.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return "~" + items;
    }
}
