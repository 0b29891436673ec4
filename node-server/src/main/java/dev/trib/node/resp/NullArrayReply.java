package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;

/** {@code *-1\r\n}: RESP2's "nil" where an array was expected (e.g. LPOP key count on a missing key). */
public final class NullArrayReply implements RespReply {
    public static final NullArrayReply INSTANCE = new NullArrayReply();
    private static final byte[] WIRE = {'*', '-', '1', '\r', '\n'};

    private NullArrayReply() {
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
        return "*-1";
    }
}
