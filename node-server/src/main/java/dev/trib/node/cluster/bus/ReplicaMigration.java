package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Replica migration's rules (clusterHandleSlaveMigration), apart from the failover they used to share a class with:
 * which slot-serving masters have lost their last working replica and since when, and whether this replica is the
 * one that should move to such a master. Given the configuration and the time; it sends nothing.
 */
final class ReplicaMigration {
    /** How long a master must stay orphaned before a replica moves to it (CLUSTER_SLAVE_MIGRATION_DELAY). */
    static final long MIGRATION_DELAY_MS = 5000;

    /** Masters seen with working replicas: only those can be orphaned. */
    private final Set<String> hadReplicas = new HashSet<>();
    private final Map<String, Long> orphanedSince = new HashMap<>();

    /** Every tick, whatever our role: notes the masters that are orphaned now, and since when. */
    void track(ClusterConfig c, long now) {
        for (ClusterNode n : c.nodes()) {
            if (!n.isMaster()) {
                continue;
            }
            int ok = workingReplicas(c, n.id());
            if (ok > 0) {
                hadReplicas.add(n.id());
                orphanedSince.remove(n.id());
            } else if (hadReplicas.contains(n.id()) && c.slotCount(n.id()) > 0 && working(n)) {
                orphanedSince.putIfAbsent(n.id(), now);
            } else {
                orphanedSince.remove(n.id());
            }
        }
    }

    /**
     * The orphaned master this node, a replica, should follow now, or null: only a replica of the master with the
     * most working replicas (at least 2, and more than the barrier) moves, the one with the smallest name among all
     * replicas of such masters, and only to a master orphaned for longer than {@link #MIGRATION_DELAY_MS}.
     */
    String target(ClusterConfig c, long now, long barrier) {
        ClusterNode me = c.myself();
        if (me.masterId() == null || me.has(NodeFlags.NOFAILOVER) || orphanedSince.isEmpty()) {
            return null;
        }
        int maxReplicas = 0;
        for (ClusterNode n : c.nodes()) {
            if (n.isMaster()) {
                maxReplicas = Math.max(maxReplicas, workingReplicas(c, n.id()));
            }
        }
        int mine = workingReplicas(c, me.masterId());
        if (maxReplicas < 2 || mine != maxReplicas || mine <= barrier) {
            return null;
        }
        String candidate = me.id();
        for (ClusterNode n : c.nodes()) {
            if (n.isMaster() && workingReplicas(c, n.id()) == maxReplicas) {
                for (ClusterNode r : c.replicasOf(n.id())) {
                    if (working(r) && r.id().compareTo(candidate) < 0) {
                        candidate = r.id();
                    }
                }
            }
        }
        if (!candidate.equals(me.id())) {
            return null;
        }
        for (Map.Entry<String, Long> o : orphanedSince.entrySet()) {
            if (now - o.getValue() > MIGRATION_DELAY_MS && c.node(o.getKey()) != null) {
                return o.getKey();
            }
        }
        return null;
    }

    private static boolean working(ClusterNode n) {
        return !n.failing();
    }

    private static int workingReplicas(ClusterConfig c, String master) {
        int ok = 0;
        for (ClusterNode r : c.replicasOf(master)) {
            if (working(r)) {
                ok++;
            }
        }
        return ok;
    }
}
