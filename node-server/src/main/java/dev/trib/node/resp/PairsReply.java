package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Element/value pairs in an array (ZRANGE ... WITHSCORES, ZPOPMIN with a count, HRANDFIELD ... WITHVALUES): flat
 * in RESP2 ({@code *2n}), one two-item array per pair in RESP3 ({@code *n} of {@code *2}), as redis-server writes
 * them. Held flat, element then value.
 */
public final class PairsReply extends AggregateReply {
    private static final byte[] PAIR = {'*', '2', '\r', '\n'};

    public PairsReply(List<? extends RespReply> flat) {
        super(pairs(flat), '*');
    }

    @Override
    public void writeTo(ByteBuf out, int protocol) {
        if (protocol < 3) {
            super.writeTo(out, protocol);
            return;
        }
        List<? extends RespReply> flat = items();
        RespWire.writeHeader(out, '*', flat.size() / 2);
        for (int i = 0; i < flat.size(); i += 2) {
            out.writeBytes(PAIR);
            flat.get(i).writeTo(out, protocol);
            flat.get(i + 1).writeTo(out, protocol);
        }
    }
}
