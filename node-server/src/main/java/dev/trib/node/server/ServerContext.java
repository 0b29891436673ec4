package dev.trib.node.server;

import dev.trib.node.acl.Acl;
import dev.trib.node.cluster.ClusterInfoSource;
import dev.trib.node.command.ClientRegistry;
import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.keyspace.Clock;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.persistence.Persistence;
import dev.trib.node.replication.ReplicationManager;
import dev.trib.node.runtime.NodeRuntime;
import dev.trib.node.text.RandomHex;
import java.nio.file.Path;

/**
 * What server-level commands (INFO, CONFIG, CLIENT, HELLO, AUTH) read: the live configuration,
 * the clients, the keyspace and a few facts about this process. Used only on the event loop.
 */
public final class ServerContext {
    private final NodeRuntime runtime;
    private final ClientRegistry clients;
    private final Path configFile;
    private final ReplicationManager replication;
    private final Persistence persistence;
    private final ClusterInfoSource cluster;
    private final Runnable shutdown;
    private final long startMillis;
    private final String runId;
    private int port;
    private CommandDispatcher dispatcher;
    private final Acl acl = new Acl(() -> dispatcher.table());

    /**
     * @param cluster  the cluster side, or null when cluster mode is off
     * @param shutdown what SHUTDOWN does: the launcher ends the process; an embedded node (tests) stops its server
     */
    public ServerContext(NodeRuntime runtime, ClientRegistry clients, Path configFile, ReplicationManager replication,
                         Persistence persistence, ClusterInfoSource cluster, Runnable shutdown) {
        this.runtime = runtime;
        this.clients = clients;
        this.configFile = configFile;
        this.replication = replication;
        this.persistence = persistence;
        this.cluster = cluster;
        this.shutdown = shutdown;
        this.startMillis = runtime.clock().nowMillis();
        this.runId = RandomHex.of(20);
        acl.requirepass(runtime.config().get("requirepass"));
    }

    /** A bare context (tests): no replication, persistence or cluster, work run in place. */
    public ServerContext(LiveConfig config, ClientRegistry clients, Keyspace keyspace, Clock clock, Path configFile) {
        this(new NodeRuntime(config, keyspace, clock, Runnable::run), clients, configFile, null, null, null, () -> { });
    }

    public NodeRuntime runtime() {
        return runtime;
    }

    public LiveConfig config() {
        return runtime.config();
    }

    public ClientRegistry clients() {
        return clients;
    }

    public Keyspace keyspace() {
        return runtime.keyspace();
    }

    public Clock clock() {
        return runtime.clock();
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

    /** Runs the shutdown action off the event loop, which stopping the server has to wait for. */
    public void requestShutdown() {
        Thread t = new Thread(shutdown, "node-shutdown-request");
        t.setDaemon(false);
        t.start();
    }

    /** The cluster side, or null when cluster mode is off. */
    public ClusterInfoSource cluster() {
        return cluster;
    }

    public ReplicationManager replication() {
        return replication;
    }

    /** dump.rdb and the AOF; null only in tests that build a bare context. */
    public Persistence persistence() {
        return persistence;
    }

    public boolean clusterEnabled() {
        return cluster != null;
    }

    /** The event loop that owns the keyspace; work from other threads is handed to it. */
    public java.util.concurrent.Executor keyspaceLoop() {
        return runtime.keyspaceLoop();
    }

    private long writesPausedUntil;
    private final java.util.List<dev.trib.node.command.ClientSession> heldWrites = new java.util.ArrayList<>();

    /** Holds client writes until the given time (manual failover on a master; CLIENT PAUSE WRITE). */
    public void pauseWrites(long untilMillis) {
        writesPausedUntil = Math.max(writesPausedUntil, untilMillis);
    }

    public boolean writesPaused() {
        // 0 when no pause is set: the usual case costs no clock read on the command path.
        return (writesPausedUntil != 0 && writesPausedUntil > runtime.clock().nowMillis()) || clientPaused();
    }

    // misc21: CLIENT PAUSE, a pause of its own that CLIENT UNPAUSE ends (a failover's pause is not touched).
    private long clientPauseUntil;
    private boolean clientPauseAll;

    /** CLIENT PAUSE: until then hold writes, or every command with {@code all}; a later or wider pause wins. */
    public void clientPause(long untilMillis, boolean all) {
        clientPauseAll = all || (clientPaused() && clientPauseAll);
        clientPauseUntil = Math.max(clientPauseUntil, untilMillis);
    }

    /** CLIENT UNPAUSE: ends the client pause now. */
    public void clientUnpause() {
        clientPauseUntil = 0;
        clientPauseAll = false;
        unpauseWritesIfDue(false);
    }

    private boolean clientPaused() {
        return clientPauseUntil != 0 && clientPauseUntil > runtime.clock().nowMillis();
    }

    /** Ends a pause now, or notices that it ran out; held sessions run their commands again. */
    public void unpauseWritesIfDue(boolean now) {
        if (now || (writesPausedUntil != 0 && !(writesPausedUntil > runtime.clock().nowMillis()))) {
            writesPausedUntil = 0;
        }
        if (clientPauseUntil != 0 && !clientPaused()) {
            clientPauseUntil = 0;
            clientPauseAll = false;
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
        if (!writesPaused() || session.replicationMaster() || session.replicaOf() || dispatcher == null) {
            return false;
        }
        dev.trib.node.command.CommandSpec spec = dispatcher.table().lookup(argv.get(0));
        boolean writes = (clientPauseAll && clientPaused())
                || spec != null && (spec.flags().contains(dev.trib.node.command.CommandFlag.WRITE)
                || spec.flags().contains(dev.trib.node.command.CommandFlag.MAY_REPLICATE) // PUBLISH, as Redis 7.0
                || spec.name().equals("exec") && session.transaction() != null && session.transaction().writes());
        if (!writes) {
            return false;
        }
        session.block();
        heldWrites.add(session);
        return true;
    }

    private java.util.function.Predicate<dev.trib.node.command.ClientSession> scriptHold = s -> false;

    /** Who decides whether a client waits for a running script (the script runner). */
    public void scriptHold(java.util.function.Predicate<dev.trib.node.command.ClientSession> value) {
        scriptHold = value;
    }

    /** Whether this client's command must wait for the running script; if so it is blocked and resumed later. */
    public boolean heldByScript(dev.trib.node.command.ClientSession session) {
        return scriptHold.test(session);
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
