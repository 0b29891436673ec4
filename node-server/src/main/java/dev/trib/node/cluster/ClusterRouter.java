package dev.trib.node.cluster;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.KeyPositions;
import dev.trib.node.command.RequestGuard;
import dev.trib.node.command.Transaction;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.keyspace.Key;
import dev.trib.node.resp.ErrorReply;
import dev.trib.node.resp.RespReply;
import dev.trib.planner.topology.KeySlot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether this node may serve a keyed command, following Redis's getNodeByQuery: all keys
 * in one slot (CROSSSLOT), the slot served (CLUSTERDOWN), open slots (ASK / TRYAGAIN, importing
 * only after ASKING), replicas serving READONLY clients, else MOVED to the owner.
 */
public final class ClusterRouter implements RequestGuard {
    static final ErrorReply CROSSSLOT = new ErrorReply("CROSSSLOT Keys in request don't hash to the same slot");
    static final ErrorReply TRYAGAIN = new ErrorReply("TRYAGAIN Multiple keys request during rehashing of slot");
    static final ErrorReply DOWN_UNBOUND = new ErrorReply("CLUSTERDOWN Hash slot not served");
    static final ErrorReply DOWN_STATE = new ErrorReply("CLUSTERDOWN The cluster is down");
    static final ErrorReply DOWN_RO_STATE =
            new ErrorReply("CLUSTERDOWN The cluster is down and only accepts read commands");

    private final ClusterService cluster;

    public ClusterRouter(ClusterService cluster) {
        this.cluster = cluster;
    }

    @Override
    public boolean redirects() {
        return true;
    }

    @Override
    public RespReply check(CommandSpec spec, List<byte[]> argv, ClientSession session) {
        if (session.replicationMaster()) {
            return null; // the master's stream applies whatever its slots hold
        }
        Transaction transaction = session.transaction();
        if (spec.name().equals("exec") && transaction != null) {
            // As Redis: EXEC is routed by the keys of every queued command (each was routed alone when queued).
            List<byte[]> keys = new ArrayList<>();
            List<Integer> all = new ArrayList<>();
            boolean writes = false;
            for (Transaction.Queued q : transaction.queued()) {
                for (int p : KeyPositions.of(q.spec(), q.argv())) {
                    all.add(keys.size());
                    keys.add(q.argv().get(p));
                }
                writes |= q.spec().has(CommandFlag.WRITE);
            }
            return route(keys, all, writes, false, false, false, session);
        }
        return route(argv, KeyPositions.of(spec, argv), spec.has(CommandFlag.WRITE), spec.has(CommandFlag.ASKING),
                spec.name().equals("migrate"), spec.has(CommandFlag.PUBSUB), session);
    }

    /** Routes by the keys at these positions of {@code args}. */
    private RespReply route(List<byte[]> args, List<Integer> positions, boolean write, boolean asking, boolean migrate,
                            boolean pubsub, ClientSession session) {
        if (positions.isEmpty()) {
            return null;
        }
        ClusterConfig c = cluster.config();
        int slot = -1;
        byte[] firstKey = null;
        boolean migrating = false;
        boolean importing = false;
        boolean multipleKeys = false;
        int missing = 0;
        int existing = 0;
        for (int p : positions) {
            byte[] key = args.get(p);
            int keySlot = KeySlot.of(key);
            if (firstKey == null) {
                firstKey = key;
                slot = keySlot;
                ClusterNode owner = c.ownerNode(slot);
                if (owner == null) {
                    return DOWN_UNBOUND;
                }
                if (owner.isMyself() && c.migratingTo(slot) != null) {
                    migrating = true;
                } else if (c.importingFrom(slot) != null) {
                    importing = true;
                }
            } else if (!Arrays.equals(firstKey, key)) {
                if (keySlot != slot) {
                    return CROSSSLOT;
                }
                multipleKeys = true;
            }
            if (migrating || importing) {
                if (cluster.keyspace().exists(Key.of(key))) {
                    existing++;
                } else {
                    missing++;
                }
            }
        }
        ClusterNode owner = c.ownerNode(slot);
        if (!cluster.stateOk()) {
            if (!cluster.liveConfig().getBool(ConfigParameters.CLUSTER_ALLOW_READS_WHEN_DOWN)) {
                return DOWN_STATE;
            }
            if (write) {
                return DOWN_RO_STATE;
            }
        }
        // As Redis (after the cluster state check): MIGRATE of an open slot runs here, so keys can move freely
        // while the slot is in transit.
        if ((migrating || importing) && migrate) {
            return null;
        }
        if (migrating && missing > 0) {
            if (existing > 0) {
                return TRYAGAIN;
            }
            return redirect("ASK", slot, c.node(c.migratingTo(slot)));
        }
        if (importing && (session.asking() || asking)) {
            return multipleKeys && missing > 0 ? TRYAGAIN : null;
        }
        ClusterNode myself = c.myself();
        // Shard channels (SSUBSCRIBE, SPUBLISH) are served by the slot's replicas too, READONLY or not.
        if ((session.readOnly() || pubsub) && !write && myself.isReplica()
                && owner.id().equals(myself.masterId())) {
            return null;
        }
        if (owner.isMyself()) {
            return null;
        }
        return redirect("MOVED", slot, owner);
    }

    /**
     * What a client blocked on this key gets when this node no longer serves it, as Redis 7.0's
     * clusterRedirectBlockedClientIfNeeded: CLUSTERDOWN while the cluster is down, MOVED once another node owns the
     * slot (unless this one is importing it), CLUSTERDOWN when nobody does; null while it may go on waiting.
     */
    public RespReply blockedRedirect(Key key) {
        if (!cluster.stateOk()) {
            return DOWN_STATE;
        }
        ClusterConfig c = cluster.config();
        int slot = KeySlot.of(key.bytes());
        ClusterNode owner = c.ownerNode(slot);
        if ((owner != null && owner.isMyself()) || c.importingFrom(slot) != null) {
            return null;
        }
        return redirect("MOVED", slot, owner);
    }

    private static ErrorReply redirect(String kind, int slot, ClusterNode to) {
        if (to == null) {
            return DOWN_UNBOUND;
        }
        return new ErrorReply(kind + " " + slot + " " + to.ip() + ":" + to.port());
    }
}
