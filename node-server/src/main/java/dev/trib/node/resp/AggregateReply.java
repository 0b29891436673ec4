package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A reply made of other replies. RESP2 writes every kind as an array ({@code *n}); RESP3 gives each its own
 * prefix (set {@code ~}, push {@code >}), and maps and pairs their own layout.
 */
public abstract sealed class AggregateReply implements RespReply
        permits ArrayReply, SetReply, PushReply, MapReply, PairsReply {
    private final List<? extends RespReply> items;
    private final char resp3Prefix;

    AggregateReply(List<? extends RespReply> items, char resp3Prefix) {
        this.items = items;
        this.resp3Prefix = resp3Prefix;
    }

    public List<? extends RespReply> items() {
        return items;
    }

    @Override
    public final void writeTo(ByteBuf out) {
        writeTo(out, 2);
    }

    @Override
    public void writeTo(ByteBuf out, int protocol) {
        RespWire.writeAggregate(out, protocol < 3 ? '*' : resp3Prefix, items, protocol);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((AggregateReply) o).items.equals(items);
    }

    @Override
    public final int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return resp3Prefix == '*' ? items.toString() : resp3Prefix + items.toString();
    }

    /** For maps and pairs: the flat list must hold whole pairs. */
    static <T extends List<? extends RespReply>> T pairs(T flat) {
        if (flat.size() % 2 != 0) {
            throw new IllegalArgumentException("pairs need an even number of items, not " + flat.size());
        }
        return flat;
    }
}
