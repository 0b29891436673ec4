package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Element/value pairs in an array (ZRANGE ... WITHSCORES, ZPOPMIN with a count, HRANDFIELD ... WITHVALUES): flat
 * in RESP2 ({@code *2n}), one two-item array per pair in RESP3 ({@code *n} of {@code *2}), as redis-server writes
 * them. Held flat, element then value.
 */
public final class PairsReply implements RespReply {
    private static final byte[] PAIR = {'*', '2', '\r', '\n'};
    private final List<? extends RespReply> flat;

    public PairsReply(List<? extends RespReply> flat) {
        if (flat.size() % 2 != 0) {
            throw new IllegalArgumentException("pairs need an even number of items, not " + flat.size());
        }
        this.flat = flat;
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
        RespWire.writeHeader(out, '*', flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) {
            out.writeBytes(PAIR);
            flat.get(i).writeTo(out, protocol);
            flat.get(i + 1).writeTo(out, protocol);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairsReply p && p.flat.equals(flat);
    }

    @Override
    public int hashCode() {
        return flat.hashCode();
    }

    @Override
    public String toString() {
        return "pairs" + flat;
    }
}
