package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** {@code +text\r\n}. The text is pre-encoded once because status replies are mostly shared constants. */
public final class SimpleStringReply implements RespReply {
    private final String text;
    private final byte[] wire;

    public SimpleStringReply(String text) {
        this.text = text;
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        this.wire = new byte[body.length + 3];
        wire[0] = '+';
        System.arraycopy(body, 0, wire, 1, body.length);
        wire[wire.length - 2] = '\r';
        wire[wire.length - 1] = '\n';
    }

    public String text() {
        return text;
    }

    @Override
    public void writeTo(ByteBuf out) {
        out.writeBytes(wire);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimpleStringReply s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "+" + text;
    }
}
