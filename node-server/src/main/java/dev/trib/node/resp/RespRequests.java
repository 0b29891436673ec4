package dev.trib.node.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Commands as RESP arrays of bulk strings, the one request encoder: what the node sends as a client (MIGRATE's
 * RESTORE, a replica's handshake) and what it writes to the replication stream and the AOF.
 */
public final class RespRequests {
    private RespRequests() {
    }

    public static byte[] encode(List<byte[]> argv) {
        int size = headerLength(argv.size());
        for (byte[] a : argv) {
            size += headerLength(a.length) + a.length + 2;
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
        return out;
    }

    /** {@code *n\r\n} or {@code $n\r\n}: a prefix, the digits, CRLF. */
    private static int headerLength(int n) {
        return 1 + Integer.toString(n).length() + 2;
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
}
