package dev.trib.node.replication;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** RESP arrays of bulk strings, the form commands take in the replication stream and the AOF. */
public final class RespCommands {
    /** Longest argument accepted from a stream (proto-max-bulk-len's default). */
    private static final int MAX_BULK = 512 * 1024 * 1024;
    private static final int MAX_ARGS = 1024 * 1024;

    private RespCommands() {
    }

    public static byte[] encode(List<byte[]> argv) {
        int size = 16;
        for (byte[] a : argv) {
            size += a.length + 16;
        }
        byte[] out = new byte[size];
        int p = header(out, 0, '*', argv.size());
        for (byte[] a : argv) {
            p = header(out, p, '$', a.length);
            System.arraycopy(a, 0, out, p, a.length);
            p += a.length;
            out[p++] = '\r';
            out[p++] = '\n';
        }
        return java.util.Arrays.copyOf(out, p);
    }

    private static int header(byte[] out, int p, char type, int n) {
        out[p++] = (byte) type;
        byte[] digits = Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, out, p, digits.length);
        p += digits.length;
        out[p++] = '\r';
        out[p++] = '\n';
        return p;
    }

    /**
     * Reads one command from the buffer, advancing past it, or returns null and leaves the
     * buffer as it was when the command is not complete yet. Bare newlines (keepalives some
     * masters send) are skipped and yield an empty list.
     *
     * @throws IllegalArgumentException on bytes that are not a command
     */
    public static List<byte[]> read(ByteBuf in) {
        int start = in.readerIndex();
        if (!in.isReadable()) {
            return null;
        }
        byte first = in.getByte(start);
        if (first == '\n' || first == '\r') {
            in.skipBytes(1);
            return List.of();
        }
        if (first != '*') {
            // An inline command (a master's PING in old versions): one line of words.
            String line = line(in);
            if (line == null) {
                return null;
            }
            List<byte[]> argv = new ArrayList<>();
            for (String w : line.trim().split(" +")) {
                if (!w.isEmpty()) {
                    argv.add(w.getBytes(StandardCharsets.ISO_8859_1));
                }
            }
            return argv;
        }
        in.skipBytes(1);
        Long n = number(in);
        if (n == null) {
            in.readerIndex(start);
            return null;
        }
        if (n < 0 || n > MAX_ARGS) {
            throw new IllegalArgumentException("bad array length " + n);
        }
        List<byte[]> argv = new ArrayList<>((int) Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            if (!in.isReadable()) {
                in.readerIndex(start);
                return null;
            }
            if (in.readByte() != '$') {
                throw new IllegalArgumentException("expected a bulk string");
            }
            Long len = number(in);
            if (len == null || in.readableBytes() < len + 2) {
                in.readerIndex(start);
                return null;
            }
            if (len < 0 || len > MAX_BULK) {
                throw new IllegalArgumentException("bad bulk length " + len);
            }
            byte[] arg = new byte[(int) (long) len];
            in.readBytes(arg);
            in.skipBytes(2);
            argv.add(arg);
        }
        return argv;
    }

    /** A CRLF-terminated line without its terminator, or null when incomplete. */
    public static String line(ByteBuf in) {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            if (in.readableBytes() > 64 * 1024) {
                throw new IllegalArgumentException("line too long");
            }
            return null;
        }
        int len = eol - in.readerIndex();
        String s = in.toString(in.readerIndex(), len, StandardCharsets.ISO_8859_1);
        in.readerIndex(eol + 1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static Long number(ByteBuf in) {
        String s = line(in);
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number " + s);
        }
    }
}
