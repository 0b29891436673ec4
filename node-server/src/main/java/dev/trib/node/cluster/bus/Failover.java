package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.node.log.ServerLog;
import dev.trib.planner.topology.KeySlots;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Replica elections, votes and manual failover with Redis 7.0's rules and bus messages
 * (FAILOVER_AUTH_REQUEST / ACK, MFSTART, the PAUSED and FORCEACK flags). Lives on the bus's event
 * loop; the bus hands it the messages and calls {@link #cron} every tick.
 */
final class Failover {
    /** How long a manual failover may take (CLUSTER_MF_TIMEOUT). */
    static final long MF_TIMEOUT_MS = 5000;
    /** Master-side write pause during a manual failover (twice the timeout, as Redis). */
    static final long MF_PAUSE_MULT = 2;

    private final ClusterBus bus;
    private final ClusterService cluster;
    private final ServerLog log;
    private final Random random = new Random();

    // Replica side: the election in progress (failover_auth_*).
    private long authTime;
    private int authCount;
    private boolean authSent;
    private int authRank;
    private long authEpoch;
    private String cantFailoverReason = "";
    private long cantFailoverLogged;

    // Manual failover, on both sides.
    private long mfEnd;
    private String mfReplica;
    private long mfMasterOffset = -1;
    private boolean mfCanStart;

    // Master side: when this node last voted for a replica of each master.
    private final Map<String, Long> votedTime = new HashMap<>();

    private final ReplicaMigration migration = new ReplicaMigration();

    Failover(ClusterBus bus, ClusterService cluster, ServerLog log) {
        this.bus = bus;
        this.cluster = cluster;
        this.log = log;
    }

    private ClusterConfig config() {
        return cluster.config();
    }

    private long now() {
        return cluster.clock().nowMillis();
    }

    /** mflags of every header: PAUSED while this master holds writes for a replica's manual failover. */
    int headerFlags() {
        return config().myself().isMaster() && mfEnd != 0 ? BusMessage.MFLAG_PAUSED : 0;
    }

    // ---- cron ----

    void cron() {
        checkManualFailoverTimeout();
        ClusterNode me = config().myself();
        migration.track(config(), now());
        if (me.isReplica()) {
            handleManualFailover();
            handleReplicaFailover();
            handleReplicaMigration();
        }
    }

    /** clusterHandleSlaveMigration: the decision is {@link ReplicaMigration}'s; this moves to its target. */
    private void handleReplicaMigration() {
        ClusterConfig c = config();
        if (!cluster.stateOk() || !cluster.liveConfig().getBool("cluster-allow-replica-migration")) {
            return;
        }
        String target = migration.target(c, now(), cluster.liveConfig().getLong("cluster-migration-barrier"));
        if (target == null) {
            return;
        }
        log.notice("Migrating to orphaned master " + target);
        cluster.store().update(cfg -> cfg.edit().put(cfg.myself().withMaster(target)).build());
        cluster.store().saveIfDirty();
        bus.broadcastPongNow();
        cluster.roleChanged();
    }

    private void checkManualFailoverTimeout() {
        if (mfEnd != 0 && mfEnd < now()) {
            log.warning("Manual failover timed out.");
            resetManualFailover();
        }
    }

    /** resetManualFailover: also ends the master's write pause. */
    void resetManualFailover() {
        if (mfReplica != null) {
            cluster.writePause().accept(0L);
        }
        mfEnd = 0;
        mfCanStart = false;
        mfReplica = null;
        mfMasterOffset = -1;
    }

    private void handleManualFailover() {
        if (mfEnd == 0 || mfCanStart || mfMasterOffset == -1) {
            return;
        }
        if (mfMasterOffset == cluster.replicationOffset()) {
            mfCanStart = true;
            log.notice("All master replication stream processed, manual failover can start.");
            handleReplicaFailover();
        }
    }

    /** clusterHandleSlaveFailover. */
    private void handleReplicaFailover() {
        ClusterConfig c = config();
        ClusterNode me = c.myself();
        ClusterNode master = me.masterId() == null ? null : c.node(me.masterId());
        long now = now();
        long timeout = cluster.nodeTimeout();
        int neededQuorum = cluster.size() / 2 + 1;
        boolean manual = mfEnd != 0 && mfCanStart;
        long authTimeout = Math.max(timeout * 2, 2000);
        long authRetryTime = authTimeout * 2;
        if (master == null || (!master.has(NodeFlags.FAIL) && !manual)
                || (me.has(NodeFlags.NOFAILOVER) && !manual) || c.slotCount(master.id()) == 0) {
            cantFailoverReason = "";
            return;
        }
        long dataAge = cluster.replicationDataAge();
        if (dataAge > timeout) {
            dataAge -= timeout;
        }
        long validity = cluster.liveConfig().getLong("cluster-replica-validity-factor");
        long pingPeriod = cluster.liveConfig().getLong("repl-ping-replica-period") * 1000;
        if (validity > 0 && dataAge > pingPeriod + timeout * validity && !manual) {
            logCantFailover("Disconnected from master for longer than allowed. Please check the "
                    + "'cluster-replica-validity-factor' configuration option.");
            return;
        }
        if (now - authTime > authRetryTime) {
            authTime = now + 500 + random.nextInt(500);
            authCount = 0;
            authSent = false;
            authRank = rank();
            authTime += authRank * 1000L;
            if (manual) {
                authTime = now;
                authRank = 0;
            }
            log.notice("Start of election delayed for " + (authTime - now) + " milliseconds (rank #" + authRank
                    + ", offset " + cluster.replicationOffset() + ").");
            // Siblings learn our offset now, so their ranks are right.
            bus.broadcastPongToSiblings();
            return;
        }
        if (!authSent && !manual) {
            int newRank = rank();
            if (newRank > authRank) {
                long added = (newRank - authRank) * 1000L;
                authTime += added;
                authRank = newRank;
                log.notice("Replica rank updated to #" + newRank + ", added " + added + " milliseconds of delay.");
            }
        }
        if (now < authTime) {
            return;
        }
        if (now - authTime > authTimeout) {
            logCantFailover("Failover attempt expired.");
            return;
        }
        if (!authSent) {
            cluster.store().update(cfg -> cfg.edit().currentEpoch(cfg.currentEpoch() + 1).build());
            authEpoch = config().currentEpoch();
            log.notice("Starting a failover election for epoch " + authEpoch + ".");
            bus.broadcastMessage(bus.header(BusMessage.FAILOVER_AUTH_REQUEST, List.of(), null, null,
                    manual ? BusMessage.MFLAG_FORCEACK : 0));
            authSent = true;
            return;
        }
        if (authCount >= neededQuorum) {
            log.notice("Failover election won: I'm the new master.");
            if (config().myself().configEpoch() < authEpoch) {
                long epoch = authEpoch;
                cluster.store().update(cfg -> cfg.edit().put(cfg.myself().withConfigEpoch(epoch)).build());
                log.notice("configEpoch set to " + epoch + " after successful failover");
            }
            replaceMyMaster();
        } else {
            logCantFailover("Waiting for votes, but majority still not reached.");
        }
    }

    private void logCantFailover(String reason) {
        long now = now();
        // The same reason is logged again only after a while, as Redis does.
        if (reason.equals(cantFailoverReason) && now - cantFailoverLogged < 10_000) {
            return;
        }
        cantFailoverReason = reason;
        cantFailoverLogged = now;
        log.notice("Currently unable to failover: " + reason);
    }

    /** clusterGetSlaveRank: siblings that can fail over and have processed more of the stream. */
    private int rank() {
        ClusterConfig c = config();
        ClusterNode me = c.myself();
        long mine = cluster.replicationOffset();
        int rank = 0;
        for (ClusterNode r : c.replicasOf(me.masterId())) {
            if (r.isMyself() || r.has(NodeFlags.NOFAILOVER)) {
                continue;
            }
            if (bus.replicationOffsetOf(r.id()) > mine) {
                rank++;
            }
        }
        return rank;
    }

    /** clusterFailoverReplaceYourMaster: take the master's slots and tell everyone. */
    void replaceMyMaster() {
        ClusterConfig c = config();
        ClusterNode me = c.myself();
        String old = me.masterId();
        if (me.isMaster() || old == null) {
            return;
        }
        BitSet slots = c.slotsOf(old);
        cluster.store().update(cfg -> {
            ClusterConfig.Editor e = cfg.edit();
            e.put(cfg.myself().asMaster().withConfigEpoch(cfg.myself().configEpoch()));
            for (int s = slots.nextSetBit(0); s >= 0; s = slots.nextSetBit(s + 1)) {
                e.setOwner(s, cfg.myId());
            }
            return e.build();
        });
        cluster.store().saveIfDirty();
        cluster.updateState();
        bus.broadcastPongNow();
        resetManualFailover();
        cluster.roleChanged();
    }

    // ---- messages ----

    /** FAILOVER_AUTH_ACK from a master: counts when it is for the current election. */
    void onAuthAck(ClusterNode sender, BusMessage m) {
        if (sender.isMaster() && config().slotCount(sender.id()) > 0 && m.currentEpoch() >= authEpoch) {
            authCount++;
            handleReplicaFailover();
        }
    }

    /** clusterSendFailoverAuthIfNeeded: a master's vote. */
    void onAuthRequest(ClusterNode node, BusMessage m) {
        ClusterConfig c = config();
        ClusterNode me = c.myself();
        if (me.isReplica() || c.slotCount(me.id()) == 0) {
            return;
        }
        long currentEpoch = c.currentEpoch();
        long reqEpoch = m.currentEpoch();
        long reqConfigEpoch = m.configEpoch();
        boolean forceAck = (m.mflags0() & BusMessage.MFLAG_FORCEACK) != 0;
        String id = node.id();
        if (reqEpoch < currentEpoch) {
            log.warning("Failover auth denied to " + id + ": reqEpoch (" + reqEpoch + ") < curEpoch(" + currentEpoch
                    + ")");
            return;
        }
        if (c.lastVoteEpoch() == currentEpoch) {
            log.warning("Failover auth denied to " + id + ": already voted for epoch " + currentEpoch);
            return;
        }
        ClusterNode master = node.masterId() == null ? null : c.node(node.masterId());
        if (node.isMaster() || master == null || (!master.has(NodeFlags.FAIL) && !forceAck)) {
            String why = node.isMaster() ? "it is a master node" : master == null
                    ? "I don't know its master" : "its master is up";
            log.warning("Failover auth denied to " + id + ": " + why);
            return;
        }
        long now = now();
        long last = votedTime.getOrDefault(master.id(), 0L);
        if (now - last < cluster.nodeTimeout() * 2) {
            log.warning("Failover auth denied to " + id + ": can't vote about this master before "
                    + (cluster.nodeTimeout() * 2 - (now - last)) + " milliseconds");
            return;
        }
        for (int s = 0; s < KeySlots.COUNT; s++) {
            if (!m.hasSlot(s)) {
                continue;
            }
            ClusterNode owner = c.ownerNode(s);
            if (owner == null || owner.configEpoch() <= reqConfigEpoch) {
                continue;
            }
            log.warning("Failover auth denied to " + id + ": slot " + s + " epoch (" + owner.configEpoch()
                    + ") > reqEpoch (" + reqConfigEpoch + ")");
            return;
        }
        // The vote is on disk before it is sent: after a restart this node must not vote twice in the epoch.
        cluster.store().update(cfg -> cfg.edit().lastVoteEpoch(currentEpoch).build());
        cluster.store().saveIfDirty();
        votedTime.put(master.id(), now);
        bus.sendTo(id, bus.header(BusMessage.FAILOVER_AUTH_ACK, List.of(), null, null, 0));
        log.notice("Failover auth granted to " + id + " for epoch " + currentEpoch);
    }

    /** MFSTART from one of my replicas: pause writes and tell it the offset to reach. */
    void onMfStart(ClusterNode sender) {
        ClusterNode me = config().myself();
        if (!me.isMaster() || !me.id().equals(sender.masterId())) {
            return;
        }
        resetManualFailover();
        mfEnd = now() + MF_TIMEOUT_MS;
        mfReplica = sender.id();
        cluster.writePause().accept(now() + MF_TIMEOUT_MS * MF_PAUSE_MULT);
        log.notice("Manual failover requested by replica " + sender.id() + ".");
        // The PING carries PAUSED and the offset at which writes stopped.
        bus.pingNow(sender.id());
    }

    /** A PING/PONG from my master while it is paused for my manual failover: the offset to reach. */
    void onMasterHeader(ClusterNode sender, BusMessage m) {
        ClusterNode me = config().myself();
        if (sender.isMaster() && sender.id().equals(me.masterId()) && (m.mflags0() & BusMessage.MFLAG_PAUSED) != 0
                && mfEnd != 0 && mfMasterOffset == -1) {
            mfMasterOffset = m.offset();
            log.notice("Received replication offset for paused master manual failover: " + mfMasterOffset);
            handleManualFailover();
        }
    }

    // ---- CLUSTER FAILOVER ----

    /** @return null when accepted, else the error text */
    String manualFailover(boolean force, boolean takeover) {
        ClusterConfig c = config();
        ClusterNode me = c.myself();
        if (me.isMaster()) {
            return "ERR You should send CLUSTER FAILOVER to a replica";
        }
        ClusterNode master = me.masterId() == null ? null : c.node(me.masterId());
        if (master == null) {
            return "ERR I'm a replica but my master is unknown to me";
        }
        if (!force && !takeover && (master.has(NodeFlags.FAIL) || !bus.connected(master.id()))) {
            return "ERR Master is down or failed, please use CLUSTER FAILOVER FORCE";
        }
        resetManualFailover();
        mfEnd = now() + MF_TIMEOUT_MS;
        if (takeover) {
            log.notice("Taking over the master (user request).");
            cluster.bumpEpochWithoutConsensus();
            replaceMyMaster();
        } else if (force) {
            log.notice("Forced failover user request accepted.");
            mfCanStart = true;
        } else {
            log.notice("Manual failover user request accepted.");
            bus.sendTo(master.id(), bus.header(BusMessage.MFSTART, List.of(), null, null, 0));
        }
        return null;
    }
}
