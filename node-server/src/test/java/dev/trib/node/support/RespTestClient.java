package dev.trib.node.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal RESP client over a plain socket: sends raw bytes and reads replies back as their exact
 * wire bytes, so tests can compare servers byte for byte.
 */
public final class RespTestClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RespTestClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends one command and returns its reply as ISO-8859-1 wire text. */
    public String call(String... args) throws IOException {
        send(Resp.command(args));
        return readReply();
    }

    /** Reads one complete reply (nested arrays included) as wire text. */
    public String readReply() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        readReply(buf);
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server closed the connection (reads EOF) within the socket timeout. */
    public boolean isClosedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    /** Reads one reply of RESP2 or RESP3 (maps, sets, pushes, attributes, nulls, doubles, verbatim strings). */
    private void readReply(ByteArrayOutputStream buf) throws IOException {
        String line = readLine(buf);
        char type = line.charAt(0);
        switch (type) {
            case '+', '-', ':', '_', ',', '#', '(' -> {
            }
            case '$', '=', '!' -> {
                int len = Integer.parseInt(line.substring(1));
                if (len >= 0) {
                    buf.write(in.readNBytes(len + 2));
                }
            }
            case '*', '~', '>' -> {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < n; i++) {
                    readReply(buf);
                }
            }
            case '%' -> {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < 2 * n; i++) {
                    readReply(buf);
                }
            }
            case '|' -> {
                int n = Integer.parseInt(line.substring(1));
                for (int i = 0; i < 2 * n; i++) {
                    readReply(buf);
                }
                readReply(buf); // the reply the attributes describe
            }
            default -> throw new IOException("unexpected reply type: " + line);
        }
    }

    private String readLine(ByteArrayOutputStream buf) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after: " + buf.toString(StandardCharsets.ISO_8859_1) + sb);
            }
            buf.write(b);
            if (b == '\r') {
                int n = in.read();
                buf.write(n);
                return sb.toString();
            }
            sb.append((char) b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
