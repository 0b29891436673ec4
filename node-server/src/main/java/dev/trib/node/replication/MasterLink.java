package dev.trib.node.replication;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.log.ServerLog;
import dev.trib.node.rdb.RdbSnapshot;
import dev.trib.node.resp.RespCommand;
import dev.trib.node.resp.RespLimits;
import dev.trib.node.resp.RespProtocolError;
import dev.trib.node.resp.RespRequestReader;
import dev.trib.node.resp.RespRequests;
import dev.trib.node.runtime.NodeRuntime;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A replica's link to its master, on the keyspace's event loop: connect, authenticate, REPLCONF,
 * PSYNC; then either load the full copy (an RDB payload, "$len" or diskless "$EOF:mark" form) or
 * continue the stream; then apply the master's commands, passing their bytes on to this node's
 * own stream, and acknowledge the offset once a second. Reconnects while it is the link in use.
 */
public final class MasterLink {
    private enum State { CONNECTING, HANDSHAKE, RDB_HEADER, RDB_BODY, STREAMING, CLOSED }

    private final NodeRuntime runtime;
    private final ReplicationLog replication;
    private final CommandDispatcher dispatcher;
    private final EventLoop loop;
    private final ServerLog log;
    private final String host;
    private final int port;
    private final int announcedPort;
    private final dev.trib.node.tls.NodeTls tls;
    private final ClientSession masterSession = new ClientSession();
    private State state = State.CONNECTING;
    private Channel channel;
    private ByteBuf pending;
    /** The master's stream once it flows: the same request reader as clients'. */
    private RespRequestReader requests;
    /** Bytes of the stream consumed since the last complete command. */
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    /** The handshake in progress: what to send next and what the master's replies mean. */
    private ReplicaHandshake handshake;
    /** The replication id and offset a +FULLRESYNC announced, for once its copy is loaded. */
    private String[] pendingFull;
    /** Errors the master's stream caused here, logged up to a few. */
    private int errorsLogged;
    private long rdbLength;
    private byte[] eofMark;
    private ByteBuf rdb;
    private long lastIo;
    private long lastAck;
    private long linkDownSince;

    public MasterLink(NodeRuntime runtime, ReplicationLog replication, CommandDispatcher dispatcher, EventLoop loop,
                      ServerLog log, String host, int port, int announcedPort, dev.trib.node.tls.NodeTls tls) {
        this.tls = tls;
        this.runtime = runtime;
        this.replication = replication;
        this.dispatcher = dispatcher;
        this.loop = loop;
        this.log = log;
        this.host = host;
        this.port = port;
        this.announcedPort = announcedPort;
        masterSession.replicationMaster(true);
        linkDownSince = runtime.clock().nowMillis();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** master_link_status: up once the stream flows. */
    public boolean up() {
        return state == State.STREAMING;
    }

    public boolean syncInProgress() {
        return state == State.RDB_BODY || state == State.RDB_HEADER;
    }

    public long lastIoMillis() {
        return lastIo;
    }

    /** When the link last went down (or was created), for the data age of failover eligibility. */
    public long linkDownSince() {
        return linkDownSince;
    }

    public void start() {
        replication.startFollowing();
        connect();
    }

    /** Closes the connection to the master (CLIENT KILL TYPE master); the link reconnects by itself. */
    public boolean dropConnection() {
        if (channel == null || !channel.isActive()) {
            return false;
        }
        channel.close();
        return true;
    }

    public void stop() {
        state = State.CLOSED;
        if (channel != null) {
            channel.close();
        }
        release();
    }

    private void connect() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTING;
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null && tls.replication()) {
                            ch.pipeline().addLast(tls.newClientHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline().addLast(new Handler());
                    }
                })
                .connect(host, port).addListener(f -> {
                    if (!f.isSuccess()) {
                        log.warning("Error condition on socket for SYNC: " + f.cause().getMessage());
                        retryLater();
                    }
                });
    }

    private void retryLater() {
        if (state != State.CLOSED) {
            state = State.CONNECTING;
            loop.schedule(this::connect, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private void handshake(Channel ch) {
        channel = ch;
        state = State.HANDSHAKE;
        log.notice("MASTER <-> REPLICA sync started");
        handshake = new ReplicaHandshake(runtime.config().get("masteruser"), runtime.config().get("masterauth"),
                announcedPort, replication.following() || replication.offset() > 0, replication.replid(),
                replication.offset());
        send(handshake.start());
        log.notice("Trying a partial resynchronization (request " + handshake.psyncRequest() + ").");
    }

    private void received(ByteBuf in) {
        lastIo = runtime.clock().nowMillis();
        while (in.isReadable() && state != State.CLOSED) {
            switch (state) {
                case HANDSHAKE -> {
                    String line = line(in);
                    if (line == null) {
                        return;
                    }
                    ReplicaHandshake.Outcome outcome = handshake.onReply(line, replication.replid());
                    if (outcome instanceof ReplicaHandshake.Send next) {
                        send(next.command());
                    } else if (outcome instanceof ReplicaHandshake.AuthRefused refused) {
                        log.warning("Unable to AUTH to MASTER: " + refused.line());
                        channel.close();
                        return;
                    } else if (outcome instanceof ReplicaHandshake.FullResync full) {
                        pendingFull = new String[] {full.replid(), full.offset()};
                        log.notice("Full resync from master: " + full.replid() + ":" + full.offset());
                        state = State.RDB_HEADER;
                    } else if (outcome instanceof ReplicaHandshake.Continue resumed) {
                        log.notice("Successful partial resynchronization with master.");
                        if (!resumed.replid().equalsIgnoreCase(replication.replid())) {
                            log.notice("Master replication ID changed to " + resumed.replid());
                        }
                        replication.follow(resumed.replid(), replication.offset(), false);
                        streaming();
                    } else if (outcome instanceof ReplicaHandshake.Unexpected other) {
                        log.warning("Unexpected reply to PSYNC from master: " + other.line());
                        channel.close();
                    }
                }
                case RDB_HEADER -> {
                    String line = line(in);
                    if (line == null) {
                        return;
                    }
                    if (line.isEmpty()) {
                        continue; // the master's keepalive newline while it prepares the copy
                    }
                    if (!line.startsWith("$")) {
                        log.warning("Bad protocol from MASTER, the first byte is not '$': " + line);
                        channel.close();
                        return;
                    }
                    rdb = Unpooled.buffer();
                    if (line.startsWith("$EOF:")) {
                        eofMark = line.substring(5).getBytes(StandardCharsets.ISO_8859_1);
                        rdbLength = -1;
                    } else {
                        eofMark = null;
                        rdbLength = Long.parseLong(line.substring(1));
                    }
                    log.notice("MASTER <-> REPLICA sync: receiving " + (rdbLength < 0 ? "streamed RDB"
                            : rdbLength + " bytes") + " from master");
                    state = State.RDB_BODY;
                }
                case RDB_BODY -> {
                    if (rdbLength >= 0) {
                        int take = (int) Math.min(in.readableBytes(), rdbLength - rdb.readableBytes());
                        rdb.writeBytes(in, take);
                        if (rdb.readableBytes() == rdbLength) {
                            loadRdb(rdb.readableBytes());
                        }
                    } else {
                        rdb.writeBytes(in);
                        if (rdb.readableBytes() >= eofMark.length && endsWithMark()) {
                            loadRdb(rdb.readableBytes() - eofMark.length);
                        }
                    }
                }
                case STREAMING -> {
                    int start = in.readerIndex();
                    Object request = requests.next(in);
                    // Every byte the reader consumes is part of the stream this node passes on, keepalive
                    // newlines included; a command's bytes go on once it is complete and applied.
                    byte[] bytes = new byte[in.readerIndex() - start];
                    in.getBytes(start, bytes);
                    if (request == null) {
                        partial.writeBytes(bytes);
                        return;
                    }
                    if (request instanceof RespProtocolError error) {
                        log.warning("Protocol error from MASTER: " + error.detail());
                        channel.close();
                        return;
                    }
                    apply(((RespCommand) request).args());
                    if (partial.size() > 0) {
                        partial.writeBytes(bytes);
                        bytes = partial.toByteArray();
                        partial.reset();
                    }
                    replication.appendRaw(bytes, 0, bytes.length);
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void send(List<byte[]> command) {
        if (command != null) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(RespRequests.encode(command)));
        }
    }

    private boolean endsWithMark() {
        int end = rdb.writerIndex();
        for (int i = 0; i < eofMark.length; i++) {
            if (rdb.getByte(end - eofMark.length + i) != eofMark[i]) {
                return false;
            }
        }
        return true;
    }

    private void loadRdb(int length) {
        byte[] file = new byte[length];
        rdb.getBytes(rdb.readerIndex(), file);
        release();
        log.notice("MASTER <-> REPLICA sync: Flushing old data");
        runtime.keyspace().flush();
        try {
            log.notice("MASTER <-> REPLICA sync: Loading DB in memory");
            RdbSnapshot.Loaded loaded = RdbSnapshot.load(file, runtime.keyspace(), true);
            replication.follow(pendingFull[0], Long.parseLong(pendingFull[1]), true);
            log.notice("Done loading RDB, keys loaded: " + loaded.keys() + ", keys expired: " + loaded.expired() + ".");
            log.notice("MASTER <-> REPLICA sync: Finished with success");
            streaming();
        } catch (RuntimeException e) {
            log.warning("Failed trying to load the MASTER synchronization DB from socket: " + e.getMessage());
            runtime.keyspace().flush();
            channel.close();
        }
    }

    private void streaming() {
        requests = new RespRequestReader(RespLimits.defaults());
        partial.reset();
        state = State.STREAMING;
        linkDownSince = 0;
        sendAck();
    }

    private void apply(List<byte[]> argv) {
        if (argv.size() >= 2 && isWord(argv.get(0), "replconf") && isWord(argv.get(1), "getack")) {
            sendAck();
            return;
        }
        if (dispatcher.dispatch(argv, masterSession) instanceof dev.trib.node.resp.ErrorReply e && errorsLogged < 10) {
            // The stream is what the master already did: an error here means the copies have diverged.
            errorsLogged++;
            log.warning("== CRITICAL == This replica failed a command from its master: " + e);
        }
    }

    private static boolean isWord(byte[] b, String lower) {
        return new String(b, StandardCharsets.ISO_8859_1).equalsIgnoreCase(lower);
    }

    /** Once a second: REPLCONF ACK, and a reconnect when the master has been silent past repl-timeout. */
    public void cron(long now) {
        if (state == State.STREAMING && now - lastAck >= 1000) {
            sendAck();
        }
        long timeout = runtime.config().getLong("repl-timeout") * 1000;
        if (state != State.CONNECTING && state != State.CLOSED && lastIo != 0 && now - lastIo > timeout) {
            log.warning("MASTER timeout: no data nor PING received...");
            channel.close();
        }
    }

    private void sendAck() {
        if (channel != null && channel.isActive()) {
            lastAck = runtime.clock().nowMillis();
            channel.writeAndFlush(Unpooled.wrappedBuffer(RespRequests.encode(
                    args("REPLCONF", "ACK", Long.toString(replication.offset())))));
        }
    }

    private void release() {
        if (rdb != null) {
            rdb.release();
            rdb = null;
        }
    }

    /** A reply line without its CRLF, or null while incomplete. */
    private static String line(ByteBuf in) {
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

    private static List<byte[]> args(String... words) {
        List<byte[]> out = new ArrayList<>(words.length);
        for (String w : words) {
            out.add(w.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (state == State.CLOSED) {
                ctx.close();
                return;
            }
            handshake(ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (ctx.channel() != channel) {
                    return;
                }
                if (pending == null) {
                    pending = Unpooled.buffer();
                }
                pending.writeBytes(buf);
                received(pending);
                pending.discardReadBytes();
            } finally {
                buf.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            runtime.runAfterCommands();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() != channel) {
                return;
            }
            if (state == State.STREAMING) {
                log.notice("Connection with master lost.");
                linkDownSince = runtime.clock().nowMillis();
            }
            channel = null;
            if (pending != null) {
                pending.release();
                pending = null;
            }
            release();
            retryLater();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
