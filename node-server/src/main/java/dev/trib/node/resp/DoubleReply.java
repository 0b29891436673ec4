package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A floating-point number (ZSCORE, ZINCRBY): {@code ,text} in RESP3, a bulk string in RESP2. The text is made by
 * the command, in redis-server's formatting, and is the same in both protocols; RESP3 spells infinities
 * {@code inf}/{@code -inf} as RESP2 does.
 */
public final class DoubleReply implements RespReply {
    private final byte[] text;

    public DoubleReply(byte[] text) {
        this.text = text;
    }

    public static DoubleReply of(String text) {
        return new DoubleReply(text.getBytes(StandardCharsets.US_ASCII));
    }

    public byte[] text() {
        return text;
    }

    @Override
    public void writeTo(ByteBuf out) {
        writeTo(out, 2);
    }

    @Override
    public void writeTo(ByteBuf out, int protocol) {
        if (protocol < 3) {
            RespWire.writeHeader(out, '$', text.length);
        } else {
            out.writeByte(',');
        }
        out.writeBytes(text);
        out.writeBytes(RespWire.CRLF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleReply d && java.util.Arrays.equals(d.text, text);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(text);
    }

    @Override
    public String toString() {
        return "," + new String(text, StandardCharsets.US_ASCII);
    }
}
