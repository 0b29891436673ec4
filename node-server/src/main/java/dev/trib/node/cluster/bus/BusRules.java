package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.planner.topology.KeySlots;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The cluster bus's rules that turn a message into a new configuration, as pure functions: no links, no clock, no
 * log. Each returns the configuration it was given (the same object) when the message changes nothing, so callers
 * can tell a stale message from one that took effect. {@link ClusterBus} applies them through the state store and
 * does the sending, logging and timing around them.
 */
final class BusRules {
    private BusRules() {
    }

    /**
     * Every message's header from a known sender: our current epoch and the sender's config epoch only ever move
     * forwards (clusterProcessPacket). Older epochs in the header are stale and ignored.
     */
    static ClusterConfig adoptHeaderEpochs(ClusterConfig cfg, String sender, long currentEpoch, long configEpoch) {
        ClusterConfig.Editor e = cfg.edit();
        if (currentEpoch > cfg.currentEpoch()) {
            e.currentEpoch(currentEpoch);
        }
        ClusterNode s = cfg.node(sender);
        if (configEpoch > s.configEpoch()) {
            e.put(s.withConfigEpoch(configEpoch));
        }
        return e.build();
    }

    /**
     * clusterHandleConfigEpochCollision: two masters with the same config epoch; the one with the smaller name
     * takes a new epoch (current epoch + 1) without consensus, so that one of them wins every slot conflict.
     */
    static ClusterConfig resolveEpochCollision(ClusterConfig cfg, String sender, long senderConfigEpoch) {
        ClusterNode s = cfg.node(sender);
        ClusterNode me = cfg.myself();
        if (s == null || !s.isMaster() || !me.isMaster() || senderConfigEpoch != me.configEpoch()
                || sender.compareTo(me.id()) <= 0) {
            return cfg;
        }
        long next = cfg.currentEpoch() + 1;
        return cfg.edit().currentEpoch(next).put(me.withConfigEpoch(next)).build();
    }

    /** A FAIL message: the named node is marked FAIL (PFAIL cleared), unless unknown, already FAIL, or myself. */
    static ClusterConfig markFailed(ClusterConfig cfg, String failing) {
        ClusterNode n = cfg.node(failing);
        if (n == null || n.has(NodeFlags.FAIL) || n.isMyself()) {
            return cfg;
        }
        return cfg.edit().put(n.withFlag(NodeFlags.FAIL, true).withFlag(NodeFlags.PFAIL, false)).build();
    }

    /**
     * An UPDATE message: a node's slots are claimed with a newer config epoch, so it is a master with that epoch
     * (the slots themselves go through {@link SenderConfig}). An UPDATE for an unknown node or with an epoch not
     * above the one we know is stale: nothing changes.
     */
    static ClusterConfig applyUpdate(ClusterConfig cfg, String node, long configEpoch) {
        ClusterNode n = cfg.node(node);
        if (n == null || n.configEpoch() >= configEpoch) {
            return cfg;
        }
        return cfg.edit().put((n.isReplica() ? n.asMaster() : n).withConfigEpoch(configEpoch)).build();
    }

    /**
     * markNodeAsFailingIfNeeded's quorum: failure reports from other masters (still valid), plus our own when we are
     * a master, reach a majority of the masters that serve slots.
     */
    static boolean failQuorum(ClusterConfig cfg, int validReports) {
        int size = 0;
        for (ClusterNode m : cfg.nodes()) {
            if (m.isMaster() && cfg.slotCount(m.id()) > 0) {
                size++;
            }
        }
        int failures = validReports + (cfg.myself().isMaster() ? 1 : 0);
        return failures >= size / 2 + 1;
    }

    /**
     * A sender claims slots that a node with a newer config epoch owns: the sender's view is stale, and it is told
     * so with an UPDATE naming that owner, its epoch and all its slots (clusterProcessPacket). Null when the claim
     * is not stale.
     */
    static BusMessage.Update staleClaim(ClusterConfig cfg, String sender, long senderConfigEpoch, IntPredicate claims) {
        for (int s = 0; s < KeySlots.COUNT; s++) {
            ClusterNode owner = claims.test(s) ? cfg.ownerNode(s) : null;
            if (owner != null && !owner.id().equals(sender) && owner.configEpoch() > senderConfigEpoch) {
                return new BusMessage.Update(owner.configEpoch(), owner.id(), slotBitmap(cfg, owner.id()));
            }
        }
        return null;
    }

    /** A node's slots as the bus's 2048-byte bitmap. */
    static byte[] slotBitmap(ClusterConfig cfg, String id) {
        byte[] out = new byte[BusCodec.SLOTS_BYTES];
        BitSet bits = cfg.slotsOf(id);
        for (int s = bits.nextSetBit(0); s >= 0; s = bits.nextSetBit(s + 1)) {
            out[s >> 3] |= (byte) (1 << (s & 7));
        }
        return out;
    }

    /**
     * What a slot claim changed.
     *
     * @param lostSlots     slots this node itself served and lost (their keys are no longer ours)
     * @param becameReplica this node lost its (or its master's) last slot to the claimer and now follows it
     */
    record SlotClaim(ClusterConfig config, List<Integer> lostSlots, boolean becameReplica) {
    }

    /**
     * clusterUpdateSlotsConfigWith: a claim (a master's header or an UPDATE) wins every slot whose owner has an
     * older config epoch, unless we are importing it; a claim by myself, or with an older epoch, changes nothing.
     * When our master (or we) lose the last slot, we follow the claimer — a master only with replica migration
     * allowed.
     */
    static SlotClaim claimSlots(ClusterConfig cfg, String sender, long senderEpoch, IntPredicate claims,
                                boolean allowReplicaMigration) {
        if (sender.equals(cfg.myId())) {
            return new SlotClaim(cfg, List.of(), false);
        }
        ClusterNode me = cfg.myself();
        String curMaster = me.isMaster() ? me.id() : me.masterId();
        List<Integer> lost = new ArrayList<>();
        boolean lostOurs = false;
        ClusterConfig.Editor e = cfg.edit();
        for (int s = 0; s < KeySlots.COUNT; s++) {
            if (!claims.test(s)) {
                continue;
            }
            String owner = cfg.owner(s);
            if (sender.equals(owner) || cfg.importingFrom(s) != null) {
                continue;
            }
            ClusterNode ownerNode = owner == null ? null : cfg.node(owner);
            if (ownerNode == null || ownerNode.configEpoch() < senderEpoch) {
                if (cfg.myId().equals(owner)) {
                    lost.add(s);
                }
                lostOurs |= owner != null && owner.equals(curMaster);
                e.setOwner(s, sender);
            }
        }
        boolean becameReplica = lostOurs && curMaster != null && e.slotCount(curMaster) == 0
                && (allowReplicaMigration || !e.myself().isMaster());
        if (becameReplica) {
            e.put(e.myself().asReplicaOf(sender));
            e.clearOpenSlots();
        }
        return new SlotClaim(e.build(), lost, becameReplica);
    }

    /**
     * PUBLISH and PUBLISHSHARD are delivered to this node's subscribers only when they come from a known node (not
     * one still in handshake), as clusterProcessPacket does.
     */
    static boolean deliversPublish(ClusterConfig cfg, BusMessage m) {
        if (m.type() != BusMessage.PUBLISH && m.type() != BusMessage.PUBLISHSHARD) {
            return false;
        }
        ClusterNode sender = cfg.node(m.sender());
        return sender != null && !sender.inHandshake();
    }

    /** How many node timeouts a slot-serving master stays FAIL after it answers again (CLUSTER_FAIL_UNDO_TIME_MULT). */
    static final int FAIL_UNDO_TIME_MULT = 2;

    /**
     * markNodeAsFailingIfNeeded: a node we see as PFAIL becomes FAIL (PFAIL cleared) once the valid failure reports
     * reach {@link #failQuorum}; otherwise, or when it is not PFAIL, nothing changes.
     */
    static ClusterConfig failOnQuorum(ClusterConfig cfg, String id, int validReports) {
        ClusterNode n = cfg.node(id);
        if (n == null || !n.has(NodeFlags.PFAIL) || n.has(NodeFlags.FAIL) || !failQuorum(cfg, validReports)) {
            return cfg;
        }
        return cfg.edit().put(n.withFlag(NodeFlags.PFAIL, false).withFlag(NodeFlags.FAIL, true)).build();
    }

    /**
     * A PONG from the node: PFAIL is cleared at once; FAIL (clearNodeFailureIfNeeded) at once only for a node that
     * serves no slots, and for a slot-serving master only once {@link #FAIL_UNDO_TIME_MULT} node timeouts have
     * passed since it was marked, so that a master back too soon leaves its replica's election alone.
     *
     * @param failTime when the node was marked FAIL here
     */
    static ClusterConfig onPong(ClusterConfig cfg, String id, long now, long failTime, long nodeTimeout) {
        ClusterNode n = cfg.node(id);
        if (n == null) {
            return cfg;
        }
        if (n.has(NodeFlags.PFAIL)) {
            return cfg.edit().put(n.withFlag(NodeFlags.PFAIL, false)).build();
        }
        boolean servesSlots = n.isMaster() && cfg.slotCount(id) > 0;
        if (n.has(NodeFlags.FAIL) && (!servesSlots || now - failTime > nodeTimeout * FAIL_UNDO_TIME_MULT)) {
            return cfg.edit().put(n.withFlag(NodeFlags.FAIL, false)).build();
        }
        return cfg;
    }
}
