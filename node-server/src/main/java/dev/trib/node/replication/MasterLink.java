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
    private enum State { CONNECTING, SYNCING, STREAMING, CLOSED }

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
    /** The handshake and snapshot transfer in progress: what to send next and what the master's bytes mean. */
    private MasterSync sync;
    /** The +FULLRESYNC in progress, for once its copy is loaded. */
    private MasterSync.FullResync pendingFull;
    /** Errors the master's stream caused here, logged up to a few. */
    private int errorsLogged;
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
        return state == State.SYNCING && sync.transferring();
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
        state = State.SYNCING;
        log.notice("MASTER <-> REPLICA sync started");
        ReplicaHandshake handshake = new ReplicaHandshake(runtime.config().get("masteruser"),
                runtime.config().get("masterauth"), announcedPort,
                replication.following() || replication.offset() > 0, replication.replid(), replication.offset());
        release();
        sync = new MasterSync(handshake);
        send(sync.start());
        log.notice("Trying a partial resynchronization (request " + handshake.psyncRequest() + ").");
    }

    private void received(ByteBuf in) {
        lastIo = runtime.clock().nowMillis();
        while (in.isReadable() && state != State.CLOSED) {
            switch (state) {
                case SYNCING -> {
                    MasterSync.Event event = sync.next(in, replication.replid());
                    if (event == null) {
                        return;
                    }
                    onSyncEvent(event);
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

    /** What the master's handshake replies and snapshot mean for this link. */
    private void onSyncEvent(MasterSync.Event event) {
        if (event instanceof MasterSync.Send next) {
            send(next.command());
        } else if (event instanceof MasterSync.AuthRefused refused) {
            log.warning("Unable to AUTH to MASTER: " + refused.line());
            channel.close();
        } else if (event instanceof MasterSync.FullResync full) {
            pendingFull = full;
            log.notice("Full resync from master: " + full.replid() + ":" + full.offset());
        } else if (event instanceof MasterSync.Receiving receiving) {
            log.notice("MASTER <-> REPLICA sync: receiving " + (receiving.length() < 0 ? "streamed RDB"
                    : receiving.length() + " bytes") + " from master");
        } else if (event instanceof MasterSync.Snapshot snapshot) {
            loadRdb(snapshot.rdb());
        } else if (event instanceof MasterSync.Continue resumed) {
            log.notice("Successful partial resynchronization with master.");
            if (!resumed.replid().equalsIgnoreCase(replication.replid())) {
                log.notice("Master replication ID changed to " + resumed.replid());
            }
            replication.follow(resumed.replid(), replication.offset(), false);
            streaming();
        } else if (event instanceof MasterSync.Refused refused) {
            log.warning(refused.reason());
            channel.close();
        }
    }

    private void loadRdb(byte[] file) {
        log.notice("MASTER <-> REPLICA sync: Flushing old data");
        runtime.keyspace().flush();
        try {
            log.notice("MASTER <-> REPLICA sync: Loading DB in memory");
            RdbSnapshot.Loaded loaded = RdbSnapshot.load(file, runtime.keyspace(), true);
            replication.follow(pendingFull.replid(), pendingFull.offset(), true);
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
        if (sync != null) {
            sync.release();
        }
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
