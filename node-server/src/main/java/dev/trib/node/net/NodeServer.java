package dev.trib.node.net;

import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.command.StandardCommands;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.resp.RespDecoder;
import dev.trib.node.resp.RespEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A running node: one acceptor thread and exactly one I/O thread. Every client connection, the
 * keyspace and the active expiry timer live on that one event loop, so commands never race and
 * need no locks — Redis's threading model.
 */
public final class NodeServer implements AutoCloseable {
    private final NodeConfig config;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup worker;
    private final EventLoop keyspaceLoop;
    private final Keyspace keyspace;
    private final List<Channel> listeners = new ArrayList<>();
    private final ServerLog log;
    private ScheduledFuture<?> expiryTask;
    private int port;

    private NodeServer(NodeConfig config, ServerLog log) {
        this.config = config;
        this.log = log;
        this.acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("node-accept", true));
        this.worker = new NioEventLoopGroup(1, new DefaultThreadFactory("node-main", true));
        this.keyspaceLoop = worker.next();
        this.keyspace = new Keyspace(config.clock());
    }

    /** Binds every configured address, starts the expiry cycle, and logs "Ready to accept connections". */
    public static NodeServer start(NodeConfig config) throws InterruptedException {
        return start(config, new ServerLog(System.out));
    }

    public static NodeServer start(NodeConfig config, ServerLog log) throws InterruptedException {
        NodeServer server = new NodeServer(config, log);
        try {
            server.bind();
        } catch (RuntimeException | InterruptedException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    private void bind() throws InterruptedException {
        Random random = new Random(new SecureRandom().nextLong());
        CommandDispatcher dispatcher = new CommandDispatcher(
                StandardCommands.create(keyspace, config.limits().maxBulkLength(), random));
        RespEncoder encoder = new RespEncoder();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, worker)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new RespDecoder(config.limits()), encoder, new ClientHandler(dispatcher));
                    }
                });
        int bindPort = config.port();
        for (String address : config.bindAddresses()) {
            Channel channel = bootstrap.bind(new InetSocketAddress(address, bindPort)).sync().channel();
            listeners.add(channel);
            // With port 0 the first bind picks the port; the other addresses reuse it.
            bindPort = ((InetSocketAddress) channel.localAddress()).getPort();
        }
        port = bindPort;
        long interval = config.activeExpireInterval().toNanos();
        long budget = config.activeExpireBudget().toNanos();
        expiryTask = keyspaceLoop.scheduleAtFixedRate(() -> keyspace.activeExpireCycle(budget),
                interval, interval, TimeUnit.NANOSECONDS);
        log.notice("Ready to accept connections");
    }

    /** The TCP port clients connect to (the chosen one when configured with 0). */
    public int port() {
        return port;
    }

    public NodeConfig config() {
        return config;
    }

    /** Runs a task on the keyspace's event loop and waits for its result (tests, admin tooling). */
    public <T> T onKeyspace(java.util.function.Function<Keyspace, T> task) throws InterruptedException {
        Callable<T> call = () -> task.apply(keyspace);
        try {
            return keyspaceLoop.submit(call).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Closes the listeners and every connection and stops the threads. */
    public void stop() {
        if (expiryTask != null) {
            expiryTask.cancel(false);
        }
        for (Channel channel : listeners) {
            channel.close().awaitUninterruptibly();
        }
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        worker.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @Override
    public void close() {
        stop();
    }
}
