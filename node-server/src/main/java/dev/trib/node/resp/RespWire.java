package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;

/** Low-level RESP framing helpers: prefixes, decimal numbers and CRLF, without allocating. */
final class RespWire {
    static final byte[] CRLF = {'\r', '\n'};
    static final byte[] NULL3 = {'_', '\r', '\n'};

    private RespWire() {
    }

    /** Writes {@code <prefix><n>\r\n}. */
    static void writeHeader(ByteBuf out, char prefix, long n) {
        out.writeByte(prefix);
        writeDecimal(out, n);
        out.writeBytes(CRLF);
    }

    /** {@code <prefix><n>\r\n} and the items, each in the connection's protocol. */
    static void writeAggregate(ByteBuf out, char prefix, java.util.List<? extends RespReply> items, int protocol) {
        writeHeader(out, prefix, items.size());
        for (RespReply item : items) {
            item.writeTo(out, protocol);
        }
    }

    static void writeDecimal(ByteBuf out, long n) {
        if (n == Long.MIN_VALUE) {
            out.writeCharSequence("-9223372036854775808", java.nio.charset.StandardCharsets.US_ASCII);
            return;
        }
        if (n < 0) {
            out.writeByte('-');
            n = -n;
        }
        if (n < 10) {
            out.writeByte('0' + (int) n);
            return;
        }
        int digits = 1;
        for (long p = n; p >= 10; p /= 10) {
            digits++;
        }
        int start = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(start + i, '0' + (int) (n % 10));
            n /= 10;
        }
        out.writerIndex(start + digits);
    }

    static byte[] encode(java.util.function.Consumer<ByteBuf> writer) {
        ByteBuf buf = io.netty.buffer.Unpooled.buffer(16);
        try {
            writer.accept(buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }
}
