package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Field/value pairs: {@code %n} in RESP3, a flat array of 2n items in RESP2 (HGETALL, CONFIG GET, HELLO).
 * Held flat, key then value, in the order they are written.
 */
public final class MapReply extends AggregateReply {
    public MapReply(List<? extends RespReply> flat) {
        super(pairs(flat), '%');
    }

    @Override
    public void writeTo(ByteBuf out, int protocol) {
        if (protocol < 3) {
            super.writeTo(out, protocol);
            return;
        }
        RespWire.writeHeader(out, '%', items().size() / 2);
        for (RespReply item : items()) {
            item.writeTo(out, protocol);
        }
    }
}
