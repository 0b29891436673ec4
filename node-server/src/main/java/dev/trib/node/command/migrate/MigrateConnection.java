package dev.trib.node.command.migrate;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;

/**
 * One MIGRATE connection to a target instance, used synchronously as redis-server does (connSyncWrite,
 * connSyncReadLine): every connect, write and line read has its own deadline, writes included, so a target that
 * stops reading cannot hold the node's only thread forever. A timeout is a {@link SocketTimeoutException}.
 */
final class MigrateConnection implements AutoCloseable {
    /** redis-server reads target replies into 1024-byte buffers: a longer line is cut there. */
    static final int MAX_LINE = 1023;
    /** redis-server hands the payload to the socket in chunks of this size, each with the full timeout. */
    static final int WRITE_CHUNK = 64 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024).flip();
    /** The database the target has selected for this connection; -1 when unknown. */
    long lastDb = -1;
    long lastUseMillis;
    /** Why the connection could not be made, reported by the first write. */
    private IOException failure;
    /** The TLS layer when the cluster uses TLS (tls-cluster), else null. */
    private TlsWire tls;

    private MigrateConnection(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    /**
     * Connects as redis-server's blocking connect does: only an address that does not resolve fails here. A refused
     * or timed-out connection still yields a connection object, whose first write fails with that error, so MIGRATE
     * answers "writing to target instance" for it, exactly as redis-server (which only learns of the failure when
     * writing), and tries again unless it timed out.
     *
     * @throws IOException when the host does not resolve
     */
    static MigrateConnection open(String host, int port, long timeoutMs) throws IOException {
        return open(host, port, timeoutMs, null);
    }

    /** @param engine a client TLS engine when the target speaks TLS (its handshake counts as connecting), or null */
    static MigrateConnection open(String host, int port, long timeoutMs, SSLEngine engine) throws IOException {
        if (host.isEmpty()) {
            throw new UnknownHostException("empty host"); // getaddrinfo refuses it; Java would pick loopback
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (RuntimeException e) {
            throw new UnknownHostException(host);
        }
        SocketChannel ch = SocketChannel.open();
        Selector sel = null;
        try {
            ch.configureBlocking(false);
            sel = Selector.open();
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch, sel);
            throw e;
        }
        MigrateConnection c = new MigrateConnection(ch, sel);
        try {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            if (!ch.connect(new InetSocketAddress(address, port))) {
                c.await(SelectionKey.OP_CONNECT, deadline);
                ch.finishConnect();
            }
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (engine != null) {
                c.tls = new TlsWire(ch, engine, c::await);
                c.tls.handshake(deadline);
            }
        } catch (IOException e) {
            c.failure = e;
        } catch (RuntimeException e) {
            c.failure = new IOException(e);
        }
        return c;
    }

    /** Writes everything, in chunks of {@link #WRITE_CHUNK} bytes that must each go out within the timeout. */
    void write(byte[] data, long timeoutMs) throws IOException {
        if (failure != null) {
            throw failure;
        }
        for (int pos = 0; pos < data.length; pos += WRITE_CHUNK) {
            ByteBuffer chunk = ByteBuffer.wrap(data, pos, Math.min(WRITE_CHUNK, data.length - pos));
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            if (tls != null) {
                tls.write(chunk, deadline);
                continue;
            }
            while (chunk.hasRemaining()) {
                if (channel.write(chunk) == 0) {
                    await(SelectionKey.OP_WRITE, deadline);
                }
            }
        }
    }

    /**
     * One reply line without its CR LF, as redis-server's connSyncReadLine: at most {@link #MAX_LINE} bytes, the
     * rest of a longer line being left for the next read.
     *
     * @throws EOFException when the target closed the connection
     */
    String readLine(long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        StringBuilder line = new StringBuilder();
        while (line.length() < MAX_LINE) {
            if (!in.hasRemaining()) {
                fill(deadline);
            }
            char c = (char) (in.get() & 0xff);
            if (c == '\n') {
                break;
            }
            line.append(c);
        }
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
            line.setLength(last);
        }
        return line.toString();
    }

    private void fill(long deadline) throws IOException {
        in.clear();
        try {
            if (tls != null) {
                tls.read(in, deadline);
                return;
            }
            while (true) {
                int n = channel.read(in);
                if (n < 0) {
                    throw new EOFException("target closed the connection");
                }
                if (n > 0) {
                    return;
                }
                await(SelectionKey.OP_READ, deadline);
            }
        } finally {
            in.flip();
        }
    }

    private void await(int op, long deadlineNanos) throws IOException {
        SelectionKey key = channel.register(selector, op);
        try {
            while (true) {
                long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new SocketTimeoutException("timed out");
                }
                selector.selectedKeys().clear();
                if (selector.select(left) > 0) {
                    return;
                }
            }
        } finally {
            key.interestOps(0);
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        closeQuietly(channel, selector);
    }

    private static void closeQuietly(SocketChannel ch, Selector sel) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (sel != null) {
            try {
                sel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
