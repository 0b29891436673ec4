package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Field/value pairs: {@code %n} in RESP3, a flat array of 2n items in RESP2 (HGETALL, CONFIG GET, HELLO).
 * Held flat, key then value, in the order they are written.
 */
public final class MapReply implements RespReply {
    private final List<? extends RespReply> flat;

    public MapReply(List<? extends RespReply> flat) {
        if (flat.size() % 2 != 0) {
            throw new IllegalArgumentException("a map needs an even number of items, not " + flat.size());
        }
        this.flat = flat;
    }

    public List<? extends RespReply> flat() {
        return flat;
    }

    @Override
    public void writeTo(ByteBuf out) {
        writeTo(out, 2);
    }

    @Override
    public void writeTo(ByteBuf out, int protocol) {
        if (protocol < 3) {
            RespWire.writeAggregate(out, '*', flat, protocol);
            return;
        }
        RespWire.writeHeader(out, '%', flat.size() / 2);
        for (RespReply item : flat) {
            item.writeTo(out, protocol);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapReply m && m.flat.equals(flat);
    }

    @Override
    public int hashCode() {
        return flat.hashCode();
    }

    @Override
    public String toString() {
        return "%" + flat;
    }
}
