package dev.trib.commands.node.resp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A blocking RESP2 connection: write commands, read replies in order. Pipelining is writing several commands
 * before reading. Replies are {@link Reply} values, error replies included. Not thread-safe: one caller at a time.
 *
 * <p>Why not lettuce here: a command-line run pays for lettuce's and Netty's start-up (about 0.6 s measured on
 * this machine before the first reply), which alone breaks trib's start-up budget; a short-lived tool talking to
 * a few dozen nodes needs only sockets.
 */
public final class RespConnection implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};
    // Replies larger than this are a protocol fault for the commands trib sends (CLUSTER NODES of thousands of
    // nodes stays far below).
    private static final int MAX_BULK = 512 * 1024 * 1024;
    private static final int MAX_ARRAY = 16 * 1024 * 1024;

    private final Closeable socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Closeable socket, InputStream in, OutputStream out) {
        this.socket = socket;
        // Sized for a connection per node at 250 nodes: 64 KB buffers made 32 MB of fresh memory for one check.
        // Bulk replies longer than the buffer are read straight into their array.
        this.in = new BufferedInputStream(in, 16 * 1024);
        this.out = new BufferedOutputStream(out, 8 * 1024);
    }

    private RespConnection(Socket socket) throws IOException {
        this(socket, socket.getInputStream(), socket.getOutputStream());
    }

    /** A connection over given streams: replies are read from in, commands written to out (tests, fixtures). */
    public static RespConnection over(InputStream in, OutputStream out) {
        return new RespConnection(() -> { }, in, out);
    }

    /**
     * Opens a connection; with a TLS factory the handshake completes before this returns.
     *
     * @param readTimeoutMs how long a reply may take (0 = forever)
     */
    public static RespConnection open(String host, int port, int connectTimeoutMs, int readTimeoutMs,
                                      SSLSocketFactory tls, String sniHost) throws IOException {
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            plain.setSoTimeout(readTimeoutMs);
            if (tls == null) {
                return new RespConnection(plain);
            }
            SSLSocket s = (SSLSocket) tls.createSocket(plain, sniHost, port, true);
            s.setSoTimeout(connectTimeoutMs);
            s.startHandshake();
            s.setSoTimeout(readTimeoutMs);
            return new RespConnection(s);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** Sends one command and reads its reply. */
    public Reply call(Object... args) throws IOException {
        write(args);
        flush();
        return read();
    }

    /** Sends every command, then reads every reply: one round trip. */
    public List<Reply> pipeline(List<Object[]> commands) throws IOException {
        for (Object[] c : commands) {
            write(c);
        }
        flush();
        List<Reply> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            replies.add(read());
        }
        return replies;
    }

    /**
     * {@link #pipeline(List)} whose replies may take up to {@code replyWaitMs}, when that is longer than the
     * connection's own read timeout (a MIGRATE given a longer timeout than the command timeout).
     */
    public List<Reply> pipeline(List<Object[]> commands, int replyWaitMs) throws IOException {
        if (!(socket instanceof Socket s) || s.getSoTimeout() == 0 || replyWaitMs <= s.getSoTimeout()) {
            return pipeline(commands);
        }
        int usual = s.getSoTimeout();
        s.setSoTimeout(replyWaitMs);
        try {
            return pipeline(commands);
        } finally {
            try {
                s.setSoTimeout(usual);
            } catch (IOException closed) {
                // The failure that closed it is what the caller hears of.
            }
        }
    }

    /** Buffers one command; strings go as UTF-8, byte arrays as they are, numbers in decimal. */
    public void write(Object... args) throws IOException {
        out.write('*');
        writeDecimal(args.length);
        for (Object a : args) {
            byte[] b = a instanceof byte[] bytes ? bytes : a.toString().getBytes(StandardCharsets.UTF_8);
            out.write('$');
            writeDecimal(b.length);
            out.write(b);
            out.write(CRLF);
        }
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void writeDecimal(long n) throws IOException {
        out.write(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
    }

    /** Reads one reply. */
    public Reply read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the node");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return "OK".equals(line) ? Reply.OK : new Reply.Simple(line);
            case '-':
                return new Reply.Error(line);
            case ':':
                return new Reply.Int(parseLong(line));
            case '$': {
                int len = length(line, MAX_BULK, "bulk reply of %d bytes");
                if (len < 0) {
                    return Reply.NIL;
                }
                byte[] data = new byte[len];
                if (in.readNBytes(data, 0, len) < len || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("connection closed in the middle of a reply");
                }
                return new Reply.Bulk(data);
            }
            case '*': {
                int n = length(line, MAX_ARRAY, "array reply of %d elements");
                if (n < 0) {
                    return Reply.NIL;
                }
                List<Reply> items = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                return new Reply.Array(items);
            }
            default:
                throw new IOException("protocol error: unexpected reply type '" + (char) type + "'");
        }
    }

    private String readLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(64);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed in the middle of a reply");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("protocol error: CR without LF");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() > 64 * 1024) {
                throw new IOException("protocol error: reply line too long");
            }
            line.write(c);
        }
    }

    /** A bulk or array length: -1 for nil, else at most max, checked before anything is allocated for it. */
    private static int length(String line, int max, String what) throws IOException {
        long n = parseLong(line);
        if (n > max) {
            throw new IOException("protocol error: " + String.format(java.util.Locale.ROOT, what, n));
        }
        return n < 0 ? -1 : (int) n;
    }

    private static long parseLong(String s) throws IOException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("protocol error: '" + s + "' is not a number");
        }
    }

    /**
     * Sends SYNC and copies the RDB snapshot the node answers with into out; returns its size. The node sends
     * newlines while it saves, then {@code $<length>} and the bytes (or, diskless, {@code $EOF:<40-byte mark>}
     * and the bytes up to that mark). The connection is spent afterwards: the node goes on to stream writes.
     */
    public long syncSnapshot(java.io.OutputStream target) throws IOException {
        write("SYNC");
        flush();
        int c;
        while ((c = in.read()) == '\n') {
            // keep-alive newlines while the snapshot is being made
        }
        if (c < 0) {
            throw new EOFException("connection closed before the snapshot");
        }
        String header = readLine();
        if (c == '-') {
            throw new IOException(header);
        }
        if (c != '$') {
            throw new IOException("unexpected reply to SYNC: " + (char) c + header);
        }
        if (header.startsWith("EOF:")) {
            byte[] mark = header.substring(4).getBytes(StandardCharsets.US_ASCII);
            return copyUntilMark(target, mark);
        }
        long length = parseLong(header);
        byte[] buf = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("connection closed in the middle of the snapshot");
            }
            target.write(buf, 0, n);
            left -= n;
        }
        return length;
    }

    private long copyUntilMark(java.io.OutputStream target, byte[] mark) throws IOException {
        // Hold back the last mark.length bytes: they may be the end mark.
        java.util.ArrayDeque<Integer> window = new java.util.ArrayDeque<>();
        long written = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the middle of the snapshot");
            }
            window.addLast(b);
            if (window.size() > mark.length) {
                target.write(window.removeFirst());
                written++;
            }
            if (window.size() == mark.length) {
                int i = 0;
                boolean match = true;
                for (int x : window) {
                    if (x != (mark[i++] & 0xff)) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    return written;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort: the node will notice.
        }
    }
}
