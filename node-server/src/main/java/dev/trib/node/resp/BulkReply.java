package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** {@code $len\r\nbytes\r\n}. Wraps the array without copying (see {@link RespReply} on aliasing). */
public final class BulkReply implements RespReply {
    private final byte[] data;

    public BulkReply(byte[] data) {
        this.data = data;
    }

    public static BulkReply of(String ascii) {
        return new BulkReply(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    public byte[] data() {
        return data;
    }

    @Override
    public void writeTo(ByteBuf out) {
        RespWire.writeHeader(out, '$', data.length);
        out.writeBytes(data);
        out.writeBytes(RespWire.CRLF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BulkReply b && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "$" + new String(data, StandardCharsets.ISO_8859_1);
    }
}
