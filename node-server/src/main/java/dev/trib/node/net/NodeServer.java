package dev.trib.node.net;

import dev.trib.node.cluster.ClusterRouter;
import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.ShardHandover;
import dev.trib.node.cluster.bus.ClusterBus;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.ClusterStateStore;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.node.command.ClientRegistry;
import dev.trib.node.command.pubsub.PubSub;
import dev.trib.node.command.pubsub.PubSubCommands;
import dev.trib.node.command.pubsub.PublishCommand;
import dev.trib.node.command.pubsub.SubscribedModeGuard;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.command.CommandTable;
import dev.trib.node.command.RequestGuard;
import dev.trib.node.command.blocking.KeyWaits;
import dev.trib.node.command.connection.ClientControlCommands;
import dev.trib.node.command.extra.ExtraCommands;
import dev.trib.node.command.help.HelpCommand;
import dev.trib.node.command.hll.HllCommands;
import dev.trib.node.command.observe.ObserveCommands;
import dev.trib.node.command.keys.ObjectCommands;
import dev.trib.node.command.sort.SortCommands;
import dev.trib.node.acl.AclUser;
import dev.trib.node.command.list.ListCommands;
import dev.trib.node.command.zset.ZSetCommands;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.command.cluster.ClusterCommands;
import dev.trib.node.command.connection.SessionCommands;
import dev.trib.node.command.migrate.MigrateCommands;
import dev.trib.node.command.server.ReplicationCommands;
import dev.trib.node.command.server.ServerCommands;
import dev.trib.node.command.standard.StandardCommands;
import dev.trib.node.command.tx.TransactionCommands;
import dev.trib.node.command.scripting.ScriptRunner;
import dev.trib.node.command.scripting.ScriptingCommands;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.log.ServerLog;
import dev.trib.node.persistence.Persistence;
import dev.trib.node.replication.ReplicationManager;
import dev.trib.node.runtime.NodeRuntime;
import dev.trib.node.server.AuthGuard;
import dev.trib.node.server.ServerContext;
import dev.trib.node.text.RandomHex;
import dev.trib.node.tls.NodeTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
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
    private static final byte[] DEL = {'D', 'E', 'L'};
    private static final ErrorReply UNBLOCKED = new ErrorReply(
            "UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)");
    private final NodeConfig config;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup worker;
    private final EventLoop keyspaceLoop;
    private final Keyspace keyspace;
    private final List<Channel> listeners = new ArrayList<>();
    private final ServerLog log;
    private ScheduledFuture<?> expiryTask;
    private int port;
    private int tlsPort;
    private NodeTls tls;
    private ServerContext server;
    private ClusterService cluster;
    private ClusterBus bus;
    private ReplicationManager replication;
    private ScheduledFuture<?> replicationTask;
    private Persistence persistence;
    private ScriptRunner scripts;
    /** What SHUTDOWN runs: stopping this server, unless the launcher says otherwise. */
    private volatile Runnable shutdownAction = this::stop;

    private NodeServer(NodeConfig config, ServerLog log) {
        this.config = config;
        this.log = log;
        this.acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("node-accept", true));
        this.worker = new NioEventLoopGroup(1, new DefaultThreadFactory("node-main", true));
        this.keyspaceLoop = worker.next();
        this.keyspace = new Keyspace(config.clock(), config.clusterEnabled());
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

    /** Binds every configured address to the port; with port 0 the first bind picks it and the others reuse it. */
    private int bindAll(ServerBootstrap bootstrap, int wanted) throws InterruptedException {
        int bindPort = wanted;
        for (String address : config.bindAddresses()) {
            Channel channel = bootstrap.bind(new InetSocketAddress(address, bindPort)).sync().channel();
            listeners.add(channel);
            bindPort = ((InetSocketAddress) channel.localAddress()).getPort();
        }
        return bindPort;
    }

    private void bind() throws InterruptedException {
        Random random = new Random(new SecureRandom().nextLong());
        LiveConfig live = new LiveConfig(ConfigParameters.standard(), config.settings());
        java.util.function.Supplier<Boolean> lfu = live.reader("maxmemory-policy", p -> p.endsWith("-lfu"));
        keyspace.accessClock().policy(lfu::get, live.longReader("lfu-log-factor"), live.longReader("lfu-decay-time"));
        // Components in dependency order, each given what it uses: the runtime first, then replication (its
        // stream), persistence (which follows the stream), the cluster side, the server-level context and last
        // the command table, whose commands reach all of them.
        NodeRuntime runtime = new NodeRuntime(live, keyspace, config.clock(), keyspaceLoop);
        replication = new ReplicationManager(runtime, log, keyspaceLoop);
        keyspace.onExpired(k -> replication.log().propagate(List.of(DEL, k.bytes())));
        persistence = new Persistence(runtime, log, replication.log());
        boolean clusterMode = config.clusterEnabled();
        if (clusterMode) {
            // The cluster side needs the client port, so the listeners are bound first (below, accepting nothing
            // yet); the service is created now and told its addresses once they are known.
            cluster = new ClusterService(openClusterState(live), live, keyspace, config.clock());
            runtime.afterCommands(cluster.store()::saveIfDirty);
        }
        ClientRegistry clients = new ClientRegistry();
        PubSub pubsub = new PubSub();
        clients.onClose(pubsub::drop);
        server = new ServerContext(runtime, clients, config.configFile(), replication, persistence,
                cluster, () -> shutdownAction.run());
        ServerContext context = server; // the field is not final: the lambda keeps this one
        clients.onUserChanged((user, current) -> pubsub.dropRevoked(context.acl().user(user), clients.all(), current));
        CommandTable table = StandardCommands.create(keyspace, config.limits().maxBulkLength(), random, clusterMode);
        List<RequestGuard> guards = new ArrayList<>();
        guards.add(new AuthGuard(server));
        if (clusterMode) {
            guards.add(new ClusterRouter(cluster));
            ClusterCommands.register(table, cluster);
            ClusterService service = cluster; // the field is not final: the lambda keeps this one
            PubSubCommands.register(table, pubsub, (shard, channel, message) ->
                    service.bus().publish(shard, channel, message));
            cluster.store().onChange((before, after) -> {
                if (pubsub.hasShardChannels()) {
                    pubsub.dropShardChannels(ShardHandover.slotsLeft(before, after));
                }
            });
            cluster.onPublish((shard, channel, message) -> {
                if (shard) {
                    pubsub.publishShard(channel, message);
                } else {
                    pubsub.publish(channel, message);
                }
            });
        } else {
            ClusterCommands.registerDisabled(table);
            PubSubCommands.register(table, pubsub, PublishCommand.BusPublisher.NONE);
        }
        guards.add(new SubscribedModeGuard());
        // Scripting: the runner hands scripts to their own thread; -BUSY is the last check, as in processCommand.
        scripts = new ScriptRunner(table, keyspaceLoop, live, log,
                guards.stream().filter(g -> g instanceof ClusterRouter).findFirst().orElse(null));
        ScriptingCommands.register(table, scripts, log, keyspace);
        scripts.checkPermissionsWith(guards.get(0)); // the AuthGuard: each redis.call runs as the caller's user
        guards.add(scripts.busyGuard());
        server.scriptHold(scripts::holds);
        SessionCommands.register(table, server);
        ServerCommands.register(table, server, this::configChanged);
        ReplicationCommands.register(table, server, replication, keyspaceLoop);
        HllCommands.register(table, keyspace, live.longReader("hll-sparse-max-bytes"));
        ObjectCommands.register(table, keyspace, live, clusterMode);
        SortCommands.register(table, keyspace, clusterMode, session -> {
            AclUser user = server.acl().user(session.user());
            return user == null || user.allKeys();
        });
        CommandDispatcher dispatcher =
                new CommandDispatcher(table, keyspace.watches(), guards.toArray(new RequestGuard[0]));
        TransactionCommands.register(table, dispatcher, keyspace);
        scripts.attach(dispatcher);
        blockingCommands(table, dispatcher, clients, runtime, guards);
        ObserveCommands.register(table, dispatcher, live, keyspace, clients);
        ExtraCommands.register(table, server);
        ClientControlCommands.register(table, server, dispatcher, clients);
        HelpCommand.registerAll(table);
        server.dispatcher(dispatcher);
        dispatcher.propagateTo(persistence.sink());
        dispatcher.replicateOnlyTo(replication.log()::propagateToReplicas);
        replication.dispatcher(dispatcher);
        // The dataset is loaded before the first client can connect (Redis answers -LOADING meanwhile).
        keyspaceLoop.submit(() -> persistence.start(dispatcher, keyspaceLoop)).sync();
        runtime.afterCommands(replication.log()::flush);
        server.acl().loadAll(config.users());
        tls = NodeTls.fromConfig(live);
        replication.tls(tls);
        if (tls != null && tls.cluster()) {
            // redis-server moves keys over TLS when the bus uses it.
            MigrateCommands.useTls(table, tls::newClientEngine);
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, worker)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                // Bound but not accepting until the node is whole (see the end of this method): a client that
                // connects as soon as the port answers, as trib does, must not find a cluster node without its bus
                // or its own address yet. Its connection waits in the listen backlog meanwhile.
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true);
        boolean bindGiven = config.settings().containsKey(ConfigParameters.BIND);
        int tlsPortWanted = (int) live.getLong(ConfigParameters.TLS_PORT);
        // As redis-server, port 0 next to a TLS port means no plain listener; alone it still picks a free port.
        if (config.port() != 0 || tlsPortWanted == 0) {
            port = bindAll(bootstrap.clone().childHandler(
                    new ClientPipeline(config.limits(), dispatcher, server, null, bindGiven)), config.port());
        }
        if (tlsPortWanted != 0) {
            tlsPort = bindAll(bootstrap.clone().childHandler(
                    new ClientPipeline(config.limits(), dispatcher, server, tls, bindGiven)), tlsPortWanted);
        }
        server.port(port);
        if (clusterMode) {
            startCluster(live);
        }
        long interval = config.activeExpireInterval().toNanos();
        long budget = config.activeExpireBudget().toNanos();
        ScriptRunner runner = scripts; // keys do not expire under a running script: it sees one point in time
        expiryTask = keyspaceLoop.scheduleAtFixedRate(() -> {
            keyspace.accessClock().tick();
            if (!runner.running()) {
                keyspace.rehashFor(1_000_000);
                keyspace.activeExpireCycle(budget);
            }
        },
                interval, interval, TimeUnit.NANOSECONDS);
        replicationTask = keyspaceLoop.scheduleAtFixedRate(this::replicationCron, 100, 100, TimeUnit.MILLISECONDS);
        for (Channel listener : listeners) {
            listener.config().setAutoRead(true);
        }
        log.notice("Ready to accept connections");
    }

    /**
     * The blocking commands and the waits behind them: keys made ready are served after each command (and before
     * replies go out), a closed connection leaves its wait, and in cluster mode a client blocked on a slot this node
     * stops serving gets Redis's redirection, or -UNBLOCKED and a closed connection when the node becomes a replica
     * (WAIT's clients too).
     */
    private void blockingCommands(CommandTable table, CommandDispatcher dispatcher, ClientRegistry clients,
                                  NodeRuntime runtime, List<RequestGuard> guards) {
        KeyWaits waits = new KeyWaits(keyspace, dispatcher, keyspaceLoop);
        keyspace.onAdded(waits::added);
        keyspace.onRemoved(waits::removed);
        // Not while a script runs (its effects are one step), but once it ends.
        ScriptRunner runner = scripts;
        Runnable serve = () -> {
            if (!runner.running()) {
                waits.serveReady();
            }
        };
        dispatcher.afterEachCommand(serve);
        runtime.afterCommands(serve);
        scripts.afterEachScript(waits::serveReady);
        clients.onClose(waits::drop);
        ListCommands.registerBlocking(table, keyspace, waits);
        ZSetCommands.registerBlocking(table, keyspace, waits);
        dev.trib.node.command.stream.StreamCommands.registerBlocking(table, keyspace, waits);
        if (cluster == null) {
            return;
        }
        ClusterRouter router = (ClusterRouter) guards.stream().filter(g -> g instanceof ClusterRouter).findFirst()
                .orElseThrow();
        cluster.store().onChange((before, after) -> {
            boolean demoted = after.myself().isReplica() && (before.myself().isMaster()
                    || !java.util.Objects.equals(before.myself().masterId(), after.myself().masterId()));
            // After the change is complete: the clients answered run what they sent meanwhile.
            if (demoted) {
                // Every blocked client, WAIT's too, as Redis's disconnectAllBlockedClients.
                keyspaceLoop.execute(() -> {
                    waits.endAllAndClose(UNBLOCKED);
                    replication.log().endAckWaits(UNBLOCKED);
                });
            } else if (waits.any()) {
                keyspaceLoop.execute(() -> waits.endWhere(router::blockedRedirect));
            }
        });
    }

    /** Follows the master the cluster configuration names, keeps links alive, ends pauses that ran out. */
    private void replicationCron() {
        try {
            server.unpauseWritesIfDue(false);
            if (cluster != null) {
                ClusterConfig c = cluster.config();
                ClusterNode me = c.myself();
                replication.announcedPort(me.port());
                if (me.isMaster()) {
                    replication.target(null, 0);
                } else {
                    ClusterNode master = me.masterId() == null ? null : c.node(me.masterId());
                    if (master != null && !master.has(NodeFlags.NOADDR) && master.port() > 0 && !master.ip().isEmpty()) {
                        replication.target(master.ip(), master.port());
                    }
                }
            }
            replication.cron(config.clock().nowMillis(), server.writesPaused());
            server.runtime().runAfterCommands();
        } catch (RuntimeException e) {
            log.warning("replication cron failed: " + e);
        }
    }

    private ClusterStateStore openClusterState(LiveConfig live) {
        Path dir = Path.of(live.get(ConfigParameters.DIR));
        Path file = dir.resolve(live.get(ConfigParameters.CLUSTER_CONFIG_FILE));
        ClusterNode fresh = new ClusterNode(RandomHex.of(20), live.get(ConfigParameters.CLUSTER_ANNOUNCE_IP),
                0, 0, live.get(ConfigParameters.CLUSTER_ANNOUNCE_HOSTNAME), NodeFlags.MYSELF | NodeFlags.MASTER, null,
                0, config.clock().nowMillis());
        try {
            ClusterStateStore store = ClusterStateStore.open(file, fresh, config.clock().nowMillis());
            log.notice(store.get().myId().equals(fresh.id()) ? "No cluster configuration found, I'm " + fresh.id()
                    : "Node configuration loaded, I'm " + store.get().myId());
            return store;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Can't load the cluster config file " + file + ": " + e.getMessage(), e);
        }
    }

    private void startCluster(LiveConfig live) throws InterruptedException {
        long clusterPort = live.getLong(ConfigParameters.CLUSTER_PORT);
        boolean tlsCluster = tls != null && tls.cluster();
        // As redis-server: with tls-cluster the TLS port is the one announced, and the bus port derives from it.
        int clientPort = tlsCluster ? tlsPort : port;
        int busPort = clusterPort != 0 ? (int) clusterPort : clientPort + 10000;
        if (busPort > 65535) {
            throw new IllegalStateException("the cluster bus port " + busPort + " is out of range");
        }
        long announcedTls = tlsCluster ? live.getLong("cluster-announce-tls-port") : 0;
        int announcedPort = (int) (announcedTls != 0 ? announcedTls : live.getLong("cluster-announce-port"));
        int announcedBus = (int) live.getLong("cluster-announce-bus-port");
        String announceIp = live.get(ConfigParameters.CLUSTER_ANNOUNCE_IP);
        String hostname = live.get(ConfigParameters.CLUSTER_ANNOUNCE_HOSTNAME);
        int myPort = announcedPort != 0 ? announcedPort : clientPort;
        int myBus = announcedBus != 0 ? announcedBus : busPort;
        cluster.store().update(cfg -> {
            ClusterNode me = cfg.myself();
            String ip = announceIp.isEmpty() ? me.ip() : announceIp;
            return cfg.edit().put(me.withAddress(ip, myPort, myBus).withHostname(hostname)).build();
        });
        cluster.replication(new dev.trib.node.cluster.ReplicationView() {
            @Override
            public long offset() {
                return replication.offset();
            }

            @Override
            public long dataAgeMillis() {
                return replication.dataAgeMillis(config.clock().nowMillis());
            }

            @Override
            public void pauseWrites(long untilMillis) {
                if (untilMillis == 0) {
                    server.unpauseWritesIfDue(true);
                } else {
                    server.pauseWrites(untilMillis);
                }
            }

            @Override
            public void roleChanged() {
                replicationCron();
            }
        });
        bus = new ClusterBus(cluster, acceptor, worker, log);
        if (tlsCluster) {
            bus.useTls(tls);
        }
        try {
            keyspaceLoop.submit(() -> {
                cluster.bus(bus);
                cluster.updateState();
            }).sync();
        } catch (InterruptedException e) {
            throw e;
        }
        bus.start(config.bindAddresses(), busPort);
    }

    /** CONFIG SET hook: announced address changes reach the cluster config (and so the bus header). */
    private void configChanged(String name) {
        if (name.equals("appendonly")) {
            persistence.appendOnlyChanged();
        }
        if (cluster == null) {
            return;
        }
        LiveConfig live = server.config();
        if (name.equals(ConfigParameters.CLUSTER_ANNOUNCE_IP) && !live.get(name).isEmpty()) {
            cluster.store().update(cfg -> cfg.edit().put(cfg.myself().withAddress(live.get(name),
                    cfg.myself().port(), cfg.myself().cport())).build());
        } else if (name.equals(ConfigParameters.CLUSTER_ANNOUNCE_HOSTNAME)) {
            cluster.store().update(cfg -> cfg.edit().put(cfg.myself().withHostname(live.get(name))).build());
        }
    }

    /** The cluster service, or null when cluster mode is off (tests). */
    public ClusterService cluster() {
        return cluster;
    }

    /** The cluster bus port, or 0 when cluster mode is off. */
    public int busPort() {
        return bus == null ? 0 : bus.port();
    }

    /** Runs a task on the node's event loop and waits for its result (tests, admin tooling). */
    public <T> T onLoop(java.util.function.Supplier<T> task) throws InterruptedException {
        try {
            return keyspaceLoop.submit(task::get).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The TCP port clients connect to (the chosen one when configured with 0); 0 when only TLS is served. */
    public int port() {
        return port;
    }

    /** The TLS port clients connect to, or 0 when there is none. */
    public int tlsPort() {
        return tlsPort;
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

    /** What SHUTDOWN does instead of stopping this server (the launcher ends the process). */
    public void onShutdown(Runnable action) {
        shutdownAction = action;
    }

    /** Closes the listeners and every connection and stops the threads. */
    public void stop() {
        if (scripts != null) {
            scripts.close();
        }
        if (expiryTask != null) {
            expiryTask.cancel(false);
        }
        if (replicationTask != null) {
            replicationTask.cancel(false);
            worker.submit(replication::stop).awaitUninterruptibly();
        }
        if (bus != null) {
            bus.stop();
        }
        if (cluster != null) {
            // What the last commands changed, had no batch end or cron tick written it yet.
            worker.submit(cluster.store()::saveIfDirty).awaitUninterruptibly();
        }
        for (Channel channel : listeners) {
            channel.close().awaitUninterruptibly();
        }
        if (persistence != null && !worker.isShuttingDown()) {
            // As on SIGTERM in Redis: a final save when save points are set (unless SHUTDOWN did it), the AOF synced.
            worker.submit(() -> {
                persistence.prepareShutdown(Persistence.ShutdownSave.DEFAULT, true);
                persistence.close();
            }).awaitUninterruptibly();
        }
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        worker.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @Override
    public void close() {
        stop();
    }
}
