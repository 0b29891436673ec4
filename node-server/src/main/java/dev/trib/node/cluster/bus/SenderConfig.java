package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.keyspace.Key;
import dev.trib.node.log.ServerLog;
import dev.trib.planner.topology.KeySlots;
import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * What a sender's header says about its own configuration, applied to ours as clusterProcessPacket does: its
 * role and master, the slots it claims (won against owners with an older config epoch, or answered with an
 * UPDATE when someone newer owns them), and config epoch collisions. On the bus's event loop.
 */
final class SenderConfig {
    private final BusLinks bus;
    private final ClusterService cluster;
    private final Failover failover;
    private final ServerLog log;

    SenderConfig(BusLinks bus, ClusterService cluster, Failover failover, ServerLog log) {
        this.bus = bus;
        this.cluster = cluster;
        this.failover = failover;
        this.log = log;
    }

    void updateRole(String sid, BusMessage m) {
        cluster.store().update(cfg -> {
            ClusterNode s = cfg.node(sid);
            ClusterConfig.Editor e = cfg.edit();
            if (m.slaveOf() == null) {
                if (s.isReplica()) {
                    e.put(s.asMaster());
                }
            } else {
                if (s.isMaster()) {
                    // A master turned replica gives up its slots.
                    for (int slot = 0; slot < KeySlots.COUNT; slot++) {
                        if (sid.equals(cfg.owner(slot))) {
                            e.setOwner(slot, null);
                        }
                    }
                    e.put(s.asReplicaOf(m.slaveOf()).withConfigEpoch(s.configEpoch()));
                } else if (!m.slaveOf().equals(s.masterId())) {
                    e.put(s.withMaster(m.slaveOf()));
                }
            }
            return e.build();
        });
    }

    void updateSlots(String sid, BusMessage m) {
        ClusterConfig c = cluster.config();
        ClusterNode sender = c.node(sid);
        ClusterNode senderMaster = sender.isMaster() ? sender
                : sender.masterId() == null ? null : c.node(sender.masterId());
        if (senderMaster == null) {
            return;
        }
        BitSet owned = c.slotsOf(senderMaster.id());
        boolean dirty = false;
        for (int s = 0; s < KeySlots.COUNT && !dirty; s++) {
            dirty = owned.get(s) != m.hasSlot(s);
        }
        if (!dirty) {
            return;
        }
        if (sender.isMaster()) {
            updateSlotsConfigWith(sid, m.configEpoch(), m::hasSlot);
        }
        // The sender claims slots someone with a newer epoch owns: tell it (UPDATE).
        BusMessage.Update update = BusRules.staleClaim(cluster.config(), sid, m.configEpoch(), m::hasSlot);
        if (update != null) {
            bus.sendUpdate(sid, update);
        }
    }

    /** clusterUpdateSlotsConfigWith: the rule is {@link BusRules#claimSlots}; this drops the keys we lost. */
    void updateSlotsConfigWith(String sid, long senderEpoch, IntPredicate claims) {
        boolean allowMigration = cluster.liveConfig().getBool(ConfigParameters.CLUSTER_ALLOW_REPLICA_MIGRATION);
        BusRules.SlotClaim[] claim = {null};
        cluster.store().update(cfg -> {
            claim[0] = BusRules.claimSlots(cfg, sid, senderEpoch, claims, allowMigration);
            return claim[0].config();
        });
        if (claim[0].becameReplica()) {
            log.notice("Configuration change detected. Reconfiguring myself as a replica of " + sid);
            failover.resetManualFailover();
            cluster.roleChanged();
        }
        if (!claim[0].lostSlots().isEmpty() && cluster.config().myself().isMaster()) {
            for (int s : claim[0].lostSlots()) {
                for (Key k : cluster.keyspace().keysInSlot(s, Integer.MAX_VALUE)) {
                    cluster.keyspace().delete(k);
                }
            }
        }
    }

    /** clusterHandleConfigEpochCollision: the node with the smaller name takes a new epoch. */
    void handleEpochCollision(String sid, BusMessage m) {
        ClusterConfig c = cluster.config();
        if (BusRules.resolveEpochCollision(c, sid, m.configEpoch()) == c) {
            return;
        }
        cluster.store().update(cfg -> BusRules.resolveEpochCollision(cfg, sid, m.configEpoch()));
        log.notice("WARNING: configEpoch collision with node " + sid + ". configEpoch set to "
                + cluster.config().myself().configEpoch());
    }
}
