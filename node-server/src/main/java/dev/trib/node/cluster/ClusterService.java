package dev.trib.node.cluster;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.ClusterStateStore;
import dev.trib.node.cluster.state.LinkView;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.keyspace.Clock;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.planner.topology.KeySlots;

/**
 * The cluster side of a node: the configuration store, the derived cluster state (ok/fail), and
 * the operations several commands and the bus share. Used only on the event loop.
 */
public final class ClusterService implements ClusterInfoSource {
    /** A master that just started stays "fail" this long, so clients are not served a stale view. */
    static final long WRITABLE_DELAY_MS = 2000;

    private final ClusterStateStore store;
    private final LiveConfig config;
    private final Keyspace keyspace;
    private final Clock clock;
    private final BusStats stats = new BusStats();
    private ClusterBusControl bus = ClusterBusControl.NONE;
    private ReplicationView replication = ReplicationView.NONE;
    private boolean ok;
    private long firstStateUpdate;
    /** Masters serving slots, as of the last state update; Redis starts it at 1. */
    private int size = 1;

    public ClusterService(ClusterStateStore store, LiveConfig config, Keyspace keyspace, Clock clock) {
        this.store = store;
        this.config = config;
        this.keyspace = keyspace;
        this.clock = clock;
        store.afterChange(this::updateState);
    }

    /** Where PUBLISH and PUBLISHSHARD messages from other nodes go: this node's subscribers. */
    public interface PublishListener {
        void delivered(boolean shard, byte[] channel, byte[] message);
    }

    private PublishListener publishListener = (shard, channel, message) -> { };

    public void onPublish(PublishListener value) {
        publishListener = value;
    }

    /** A PUBLISH or PUBLISHSHARD the bus accepted from a known node. */
    public void published(boolean shard, byte[] channel, byte[] message) {
        publishListener.delivered(shard, channel, message);
    }

    public void replication(ReplicationView value) {
        replication = value;
    }

    public long replicationOffset() {
        return replication.offset();
    }

    public long replicationDataAge() {
        return replication.dataAgeMillis();
    }

    /** Pause or (with 0) resume client writes, for a manual failover on this master. */
    public java.util.function.LongConsumer writePause() {
        return replication::pauseWrites;
    }

    public void roleChanged() {
        replication.roleChanged();
    }

    public ClusterStateStore store() {
        return store;
    }

    public ClusterConfig config() {
        return store.get();
    }

    public LiveConfig liveConfig() {
        return config;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public Clock clock() {
        return clock;
    }

    public BusStats stats() {
        return stats;
    }

    public ClusterBusControl bus() {
        return bus;
    }

    public void bus(ClusterBusControl control) {
        this.bus = control;
        store.links(control.links());
    }

    public LinkView links() {
        return bus.links();
    }

    public long nodeTimeout() {
        return config.getLong(ConfigParameters.CLUSTER_NODE_TIMEOUT);
    }

    public boolean stateOk() {
        return ok;
    }

    /** cluster_size: masters serving at least one slot, as of the last state update (1 before the first). */
    public int size() {
        return size;
    }

    /**
     * Recomputes ok/fail like clusterUpdateState: every slot served by a non-failing node (when full
     * coverage is required) and myself on the majority side of the slot-owning masters.
     */
    public void updateState() {
        long now = clock.nowMillis();
        if (firstStateUpdate == 0) {
            firstStateUpdate = now;
        }
        ClusterConfig c = store.get();
        if (c.myself().isMaster() && !ok && now - firstStateUpdate < WRITABLE_DELAY_MS) {
            return;
        }
        boolean next = true;
        if (config.getBool(ConfigParameters.CLUSTER_REQUIRE_FULL_COVERAGE)) {
            for (int s = 0; s < KeySlots.COUNT && next; s++) {
                ClusterNode owner = c.ownerNode(s);
                if (owner == null || owner.has(NodeFlags.FAIL)) {
                    next = false;
                }
            }
        }
        size = 0;
        int reachable = 0;
        for (ClusterNode n : c.nodes()) {
            if (n.isMaster() && c.slotCount(n.id()) > 0) {
                size++;
                if (!n.failing()) {
                    reachable++;
                }
            }
        }
        if (reachable < size / 2 + 1) {
            next = false;
        }
        ok = next;
    }

    /** Re-arms the start-up delay check (tests that build a state by hand). */
    void skipWritableDelay() {
        firstStateUpdate = clock.nowMillis() - WRITABLE_DELAY_MS;
    }

    /**
     * Takes a fresh, unique config epoch when mine is 0 or not the greatest one known — what a node
     * does without asking the others (SETSLOT NODE on import, BUMPEPOCH).
     *
     * @return true when the epoch changed
     */
    public boolean bumpEpochWithoutConsensus() {
        ClusterConfig c = store.get();
        long max = c.maxEpoch();
        long mine = c.myself().configEpoch();
        if (mine != 0 && mine == max) {
            return false;
        }
        store.update(cfg -> {
            long next = cfg.currentEpoch() + 1;
            return cfg.edit().currentEpoch(next).put(cfg.myself().withConfigEpoch(next)).build();
        });
        return true;
    }

    @Override
    public boolean isReplica() {
        return store.get().myself().isReplica();
    }

    @Override
    public String masterHost() {
        ClusterConfig c = store.get();
        String m = c.myself().masterId();
        return m == null || c.node(m) == null ? null : c.node(m).ip();
    }

    @Override
    public int masterPort() {
        ClusterConfig c = store.get();
        String m = c.myself().masterId();
        return m == null || c.node(m) == null ? 0 : c.node(m).port();
    }

    @Override
    public int busConnections() {
        return bus.connectionCount();
    }
}
