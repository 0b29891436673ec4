package dev.trib.node.cluster;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;

import java.util.BitSet;

/**
 * Which slots this node's shard stopped serving in a configuration change: a slot whose owner was this node, or
 * its master, and is now another node or none. Redis drops the shard channels of such a slot on every node of the
 * old shard (clusterDelSlot), telling each subscriber with an sunsubscribe; a failover within the shard counts too,
 * as there.
 */
public final class ShardHandover {
    private ShardHandover() {
    }

    public static BitSet slotsLeft(ClusterConfig before, ClusterConfig after) {
        BitSet left = new BitSet();
        ClusterNode me = before.myself();
        if (me == null) {
            return left;
        }
        String shard = me.isReplica() && me.masterId() != null ? me.masterId() : me.id();
        for (int slot = 0; slot < 16384; slot++) {
            String was = before.owner(slot);
            if (was != null && was.equals(shard) && !was.equals(after.owner(slot))) {
                left.set(slot);
            }
        }
        return left;
    }
}
