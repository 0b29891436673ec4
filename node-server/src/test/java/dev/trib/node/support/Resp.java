package dev.trib.node.support;

import dev.trib.node.resp.RespReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test helpers for RESP bytes. */
public final class Resp {
    private Resp() {
    }

    /** A command as a RESP multibulk request; arguments are ISO-8859-1 text. */
    public static byte[] command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "*" + args.length + "\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.ISO_8859_1);
            write(out, "$" + bytes.length + "\r\n");
            out.writeBytes(bytes);
            write(out, "\r\n");
        }
        return out.toByteArray();
    }

    /** The wire form of a reply as ISO-8859-1 text, e.g. "+OK\r\n". */
    public static String wire(RespReply reply) {
        ByteBuf buf = Unpooled.buffer();
        try {
            reply.writeTo(buf);
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
        }
    }

    public static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
