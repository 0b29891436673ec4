package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;

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
}
