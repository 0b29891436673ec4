package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.keyspace.Key;
import dev.trib.node.log.ServerLog;
import dev.trib.planner.topology.KeySlots;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What a sender's header says about its own configuration, applied to ours as clusterProcessPacket does: its
 * role and master, the slots it claims (won against owners with an older config epoch, or answered with an
 * UPDATE when someone newer owns them), and config epoch collisions. On the bus's event loop.
 */
final class SenderConfig {
    private final ClusterBus bus;
    private final ClusterService cluster;
    private final Failover failover;
    private final ServerLog log;

    SenderConfig(ClusterBus bus, ClusterService cluster, Failover failover, ServerLog log) {
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
        c = cluster.config();
        for (int s = 0; s < KeySlots.COUNT; s++) {
            if (!m.hasSlot(s)) {
                continue;
            }
            ClusterNode owner = c.ownerNode(s);
            if (owner == null || owner.id().equals(sid)) {
                continue;
            }
            if (owner.configEpoch() > m.configEpoch()) {
                bus.sendUpdate(sid, new BusMessage.Update(owner.configEpoch(), owner.id(), slotBitmap(c, owner.id())));
                break;
            }
        }
    }

    private static byte[] slotBitmap(ClusterConfig c, String id) {
        byte[] out = new byte[BusCodec.SLOTS_BYTES];
        BitSet bits = c.slotsOf(id);
        for (int s = bits.nextSetBit(0); s >= 0; s = bits.nextSetBit(s + 1)) {
            out[s >> 3] |= (byte) (1 << (s & 7));
        }
        return out;
    }

    /** clusterUpdateSlotsConfigWith: a claim wins every slot whose owner has an older config epoch. */
    void updateSlotsConfigWith(String sid, long senderEpoch, java.util.function.IntPredicate claims) {
        ClusterConfig c = cluster.config();
        if (sid.equals(c.myId())) {
            return;
        }
        ClusterNode me = c.myself();
        String curMaster = me.isMaster() ? me.id() : me.masterId();
        List<Integer> dirtySlots = new ArrayList<>();
        boolean[] lostOurs = {false};
        boolean[] becameReplica = {false};
        cluster.store().update(cfg -> {
            ClusterConfig.Editor e = cfg.edit();
            for (int s = 0; s < KeySlots.COUNT; s++) {
                if (!claims.test(s)) {
                    continue;
                }
                String owner = cfg.owner(s);
                if (sid.equals(owner) || cfg.importingFrom(s) != null) {
                    continue;
                }
                ClusterNode ownerNode = owner == null ? null : cfg.node(owner);
                if (ownerNode == null || ownerNode.configEpoch() < senderEpoch) {
                    if (cfg.myId().equals(owner) && cluster.keyspace().countKeysInSlot(s) > 0) {
                        dirtySlots.add(s);
                    }
                    if (owner != null && owner.equals(curMaster)) {
                        lostOurs[0] = true;
                    }
                    e.setOwner(s, sid);
                }
            }
            boolean allowMigration = cluster.liveConfig().getBool(ConfigParameters.CLUSTER_ALLOW_REPLICA_MIGRATION);
            if (lostOurs[0] && curMaster != null && e.slotCount(curMaster) == 0
                    && (allowMigration || !e.myself().isMaster())) {
                log.notice("Configuration change detected. Reconfiguring myself as a replica of " + sid);
                e.put(e.myself().asReplicaOf(sid));
                e.clearOpenSlots();
                becameReplica[0] = true;
            }
            return e.build();
        });
        if (becameReplica[0]) {
            failover.resetManualFailover();
            cluster.roleChanged();
        }
        if (!dirtySlots.isEmpty() && cluster.config().myself().isMaster()) {
            for (int s : dirtySlots) {
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
