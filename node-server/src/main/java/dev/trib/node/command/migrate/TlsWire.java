package dev.trib.node.command.migrate;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over MIGRATE's non-blocking socket, driven synchronously like the plain exchange: every step that has to wait
 * for the socket waits through the connection's deadline-bound {@link Awaiter}, so a target that stops answering
 * times out here too.
 */
final class TlsWire {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** Waits until the socket is ready for op, or fails once the deadline (System.nanoTime) has passed. */
    @FunctionalInterface
    interface Awaiter {
        void await(int op, long deadlineNanos) throws IOException;
    }

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final Awaiter io;
    /** Encrypted bytes not yet written (read mode). */
    private ByteBuffer netOut;
    /** Encrypted bytes received, not yet decrypted (write mode). */
    private ByteBuffer netIn;
    /** Decrypted bytes not yet handed out (read mode). */
    private ByteBuffer appIn;

    TlsWire(SocketChannel channel, SSLEngine engine, Awaiter io) {
        this.channel = channel;
        this.engine = engine;
        this.io = io;
        netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize()).flip();
        netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    }

    /** The TLS handshake, before the first command is written. */
    void handshake(long deadline) throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    wrap(EMPTY);
                    flush(deadline);
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrap()) {
                        receive(deadline);
                    }
                }
                case NEED_TASK -> runTasks();
                default -> {
                    flush(deadline);
                    return;
                }
            }
        }
    }

    /** Encrypts and writes all of src. */
    void write(ByteBuffer src, long deadline) throws IOException {
        while (src.hasRemaining()) {
            flush(deadline);
            wrap(src);
        }
        flush(deadline);
    }

    /** Reads at least one decrypted byte into dst (write mode). @throws EOFException when the target closed */
    void read(ByteBuffer dst, long deadline) throws IOException {
        while (!appIn.hasRemaining()) {
            if (!unwrap()) {
                receive(deadline);
            }
            if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks();
            }
            if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY); // a post-handshake message wants an answer (key update)
                flush(deadline);
            }
        }
        int n = Math.min(dst.remaining(), appIn.remaining());
        ByteBuffer slice = appIn.slice(appIn.position(), n);
        dst.put(slice);
        appIn.position(appIn.position() + n);
    }

    private void wrap(ByteBuffer src) throws IOException {
        netOut.compact();
        SSLEngineResult r;
        try {
            r = engine.wrap(src, netOut);
        } finally {
            netOut.flip();
        }
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
            throw new EOFException("TLS connection closed");
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            throw new SSLException("TLS record larger than the packet buffer");
        }
    }

    /** @return false when more encrypted bytes are needed first */
    private boolean unwrap() throws IOException {
        netIn.flip();
        appIn.compact();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, appIn);
        } finally {
            appIn.flip();
            netIn.compact();
        }
        switch (r.getStatus()) {
            case OK:
                return true;
            case BUFFER_OVERFLOW:
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize(), true);
                return true;
            case BUFFER_UNDERFLOW:
                if (!netIn.hasRemaining()) {
                    netIn = grow(netIn, engine.getSession().getPacketBufferSize(), false);
                }
                return false;
            default:
                throw new EOFException("target closed the TLS connection");
        }
    }

    private void receive(long deadline) throws IOException {
        int n = channel.read(netIn);
        if (n < 0) {
            throw new EOFException("target closed the connection");
        }
        if (n == 0) {
            io.await(SelectionKey.OP_READ, deadline);
        }
    }

    private void flush(long deadline) throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                io.await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** A larger copy; readMode tells how the buffer is held (flipped or not). */
    private static ByteBuffer grow(ByteBuffer b, int atLeast, boolean readMode) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
        if (readMode) {
            bigger.put(b).flip();
        } else {
            b.flip();
            bigger.put(b);
        }
        return bigger;
    }
}
