package dev.trib.node.server;

import dev.trib.node.acl.Acl;
import dev.trib.node.command.ClientRegistry;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.keyspace.Clock;
import dev.trib.node.keyspace.Keyspace;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What server-level commands (INFO, CONFIG, CLIENT, HELLO, AUTH) read: the live configuration,
 * the clients, the keyspace and a few facts about this process. Used only on the event loop.
 */
public final class ServerContext {
    private final LiveConfig config;
    private final ClientRegistry clients;
    private final Keyspace keyspace;
    private final Clock clock;
    private final Path configFile;
    private final long startMillis;
    private final String runId;
    private int port;
    private CommandDispatcher dispatcher;
    private ClusterInfoSource cluster;
    private dev.trib.node.replication.ReplicationManager replication;
    private java.util.concurrent.Executor keyspaceLoop = Runnable::run;
    private final Acl acl = new Acl(() -> dispatcher.table());

    public ServerContext(LiveConfig config, ClientRegistry clients, Keyspace keyspace, Clock clock, Path configFile) {
        this.config = config;
        this.clients = clients;
        this.keyspace = keyspace;
        this.clock = clock;
        this.configFile = configFile;
        this.startMillis = clock.nowMillis();
        this.runId = randomHex(20);
        acl.requirepass(config.get("requirepass"));
    }

    /** 2n lower-case hex digits from a strong random source (run ids, node names). */
    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public LiveConfig config() {
        return config;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public Clock clock() {
        return clock;
    }

    /** The config file the node was started with, or null. */
    public Path configFile() {
        return configFile;
    }

    public long startMillis() {
        return startMillis;
    }

    public String runId() {
        return runId;
    }

    public int port() {
        return port;
    }

    public void port(int value) {
        port = value;
    }

    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    public void dispatcher(CommandDispatcher value) {
        dispatcher = value;
    }

    private volatile Runnable shutdown = () -> { };

    /** What SHUTDOWN does: the launcher ends the process; an embedded node (tests) stops its server. */
    public void onShutdown(Runnable action) {
        shutdown = action;
    }

    /** Runs the shutdown action off the event loop, which stopping the server has to wait for. */
    public void requestShutdown() {
        Thread t = new Thread(shutdown, "node-shutdown-request");
        t.setDaemon(false);
        t.start();
    }

    private final java.util.List<Runnable> afterCommands = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Something to do once a batch of commands has run, before the replies are flushed (saving nodes.conf). */
    public void afterCommands(Runnable action) {
        afterCommands.add(action);
    }

    public void runAfterCommands() {
        afterCommands.forEach(Runnable::run);
    }

    /** The cluster side, or null when cluster mode is off. */
    public ClusterInfoSource cluster() {
        return cluster;
    }

    public void cluster(ClusterInfoSource value) {
        cluster = value;
    }

    public dev.trib.node.replication.ReplicationManager replication() {
        return replication;
    }

    public void replication(dev.trib.node.replication.ReplicationManager value) {
        replication = value;
    }

    private dev.trib.node.persistence.Persistence persistence;

    /** dump.rdb and the AOF; null only in tests that build a bare context. */
    public dev.trib.node.persistence.Persistence persistence() {
        return persistence;
    }

    public void persistence(dev.trib.node.persistence.Persistence value) {
        persistence = value;
    }

    public boolean clusterEnabled() {
        return cluster != null;
    }

    /** The event loop that owns the keyspace; work from other threads is handed to it. */
    public java.util.concurrent.Executor keyspaceLoop() {
        return keyspaceLoop;
    }

    public void keyspaceLoop(java.util.concurrent.Executor value) {
        keyspaceLoop = value;
    }

    private long writesPausedUntil;
    private final java.util.List<dev.trib.node.command.ClientSession> heldWrites = new java.util.ArrayList<>();

    /** Holds client writes until the given time (manual failover on a master; CLIENT PAUSE WRITE). */
    public void pauseWrites(long untilMillis) {
        writesPausedUntil = Math.max(writesPausedUntil, untilMillis);
    }

    public boolean writesPaused() {
        // 0 when no pause is set: the usual case costs no clock read on the command path.
        return writesPausedUntil != 0 && writesPausedUntil > clock.nowMillis();
    }

    /** Ends a pause now, or notices that it ran out; held sessions run their commands again. */
    public void unpauseWritesIfDue(boolean now) {
        if (now || (writesPausedUntil != 0 && !writesPaused())) {
            writesPausedUntil = 0;
        }
        if (writesPaused() || heldWrites.isEmpty()) {
            return;
        }
        java.util.List<dev.trib.node.command.ClientSession> held = new java.util.ArrayList<>(heldWrites);
        heldWrites.clear();
        held.forEach(s -> s.resume(null));
    }

    /**
     * Whether this command must wait for the pause to end; if so the session is blocked and
     * resumed when it does. The link from this node's master is never held.
     */
    public boolean holdsWrite(java.util.List<byte[]> argv, dev.trib.node.command.ClientSession session) {
        if (!writesPaused() || session.replicationMaster() || dispatcher == null) {
            return false;
        }
        dev.trib.node.command.CommandSpec spec = dispatcher.table().lookup(argv.get(0));
        if (spec == null || !spec.flags().contains(dev.trib.node.command.CommandFlag.WRITE)) {
            return false;
        }
        session.block();
        heldWrites.add(session);
        return true;
    }

    /** Whether new connections must AUTH: the default user is off or has a password. */
    public boolean requiresPassword() {
        return !acl.defaultUserNeedsNoAuth();
    }

    /** The ACL users (requirepass is the default user's password). */
    public Acl acl() {
        return acl;
    }
}
