package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/** {@code *n\r\n} followed by n replies. */
public final class ArrayReply implements RespReply {
    private final List<? extends RespReply> items;

    public ArrayReply(List<? extends RespReply> items) {
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
        RespWire.writeAggregate(out, '*', items, protocol);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayReply a && a.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
