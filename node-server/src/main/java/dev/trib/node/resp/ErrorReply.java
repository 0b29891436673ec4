package dev.trib.node.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * {@code -CODE message\r\n}. The message is held as ISO-8859-1 so every byte of a client argument
 * echoed in an error survives unchanged. CR and LF are replaced by spaces, as Redis does, because
 * they would break the framing.
 */
public final class ErrorReply implements RespReply {
    private final String message;
    private final byte[] wire;

    /** @param message full error text including its code, e.g. {@code "ERR syntax error"} */
    public ErrorReply(String message) {
        this.message = message.replace('\r', ' ').replace('\n', ' ');
        byte[] body = this.message.getBytes(StandardCharsets.ISO_8859_1);
        this.wire = new byte[body.length + 3];
        wire[0] = '-';
        System.arraycopy(body, 0, wire, 1, body.length);
        wire[wire.length - 2] = '\r';
        wire[wire.length - 1] = '\n';
    }

    /** An {@code ERR} error whose text Redis builds with a format string: CR/LF at both ends are trimmed first. */
    public static ErrorReply formatted(String messageWithoutCode) {
        int start = 0;
        int end = messageWithoutCode.length();
        while (start < end && isCrLf(messageWithoutCode.charAt(start))) {
            start++;
        }
        while (end > start && isCrLf(messageWithoutCode.charAt(end - 1))) {
            end--;
        }
        return new ErrorReply("ERR " + messageWithoutCode.substring(start, end));
    }

    private static boolean isCrLf(char c) {
        return c == '\r' || c == '\n';
    }

    public String message() {
        return message;
    }

    @Override
    public void writeTo(ByteBuf out) {
        out.writeBytes(wire);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorReply e && e.message.equals(message);
    }

    @Override
    public int hashCode() {
        return message.hashCode();
    }

    @Override
    public String toString() {
        return "-" + message;
    }
}
