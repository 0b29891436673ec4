package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;

/** {@code $-1\r\n}: RESP2's "nil" for a missing string. */
public final class NullBulkReply implements RespReply {
    public static final NullBulkReply INSTANCE = new NullBulkReply();
    private static final byte[] WIRE = {'$', '-', '1', '\r', '\n'};

    private NullBulkReply() {
    }

    @Override
    public void writeTo(ByteBuf out) {
        out.writeBytes(WIRE);
    }

    /** RESP3 has one null for every type. */
    @Override
    public void writeTo(ByteBuf out, int protocol) {
        out.writeBytes(protocol >= 3 ? RespWire.NULL3 : WIRE);
    }

    @Override
    public String toString() {
        return "$-1";
    }
}
