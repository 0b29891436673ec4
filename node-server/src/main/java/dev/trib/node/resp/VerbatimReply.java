package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Text meant for people (INFO, CLIENT LIST, CLUSTER NODES): {@code =len\r\ntxt:...} in RESP3, a bulk string in
 * RESP2.
 */
public final class VerbatimReply implements RespReply {
    private static final byte[] TXT = "txt:".getBytes(StandardCharsets.US_ASCII);
    private final byte[] text;

    public VerbatimReply(byte[] text) {
        this.text = text;
    }

    public static VerbatimReply of(String text) {
        return new VerbatimReply(text.getBytes(StandardCharsets.ISO_8859_1));
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
            RespWire.writeHeader(out, '=', text.length + TXT.length);
            out.writeBytes(TXT);
        }
        out.writeBytes(text);
        out.writeBytes(RespWire.CRLF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerbatimReply v && java.util.Arrays.equals(v.text, text);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(text);
    }

    @Override
    public String toString() {
        return "=" + new String(text, StandardCharsets.ISO_8859_1);
    }
}
