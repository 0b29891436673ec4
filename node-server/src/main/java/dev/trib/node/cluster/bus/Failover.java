package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.log.ServerLog;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Replica elections, votes and manual failover on the bus's event loop: the decisions are {@link FailoverRules}'
 * and the state is two immutable values ({@link Election}, {@link ManualFailover}); this class feeds them the time,
 * the replication offsets and the messages, then applies the configuration they return, sends what they ask for
 * and logs. The bus hands it the messages and calls {@link #cron} every tick.
 */
final class Failover {
    private final BusLinks bus;
    private final ClusterService cluster;
    private final ServerLog log;
    private final Random random = new Random();
    private final ReplicaMigration migration = new ReplicaMigration();

    private Election election = Election.NONE;
    private ManualFailover manual = ManualFailover.NONE;
    /** Master side: when this node last voted for a replica of each master. */
    private final Map<String, Long> votedAt = new HashMap<>();
    private String cantFailoverReason = "";
    private long cantFailoverLogged;

    Failover(BusLinks bus, ClusterService cluster, ServerLog log) {
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

    /** Applies a configuration a rule computed from {@code before}, unless something changed it in between. */
    private void apply(ClusterConfig before, ClusterConfig after) {
        if (after != before) {
            cluster.store().update(cfg -> cfg == before ? after : cfg);
        }
    }

    /** mflags of every header: PAUSED while this master holds writes for a replica's manual failover. */
    int headerFlags() {
        return config().myself().isMaster() && manual.inProgress() ? BusMessage.MFLAG_PAUSED : 0;
    }

    // ---- cron ----

    void cron() {
        if (manual.expired(now())) {
            log.warning("Manual failover timed out.");
            resetManualFailover();
        }
        migration.track(config(), now());
        if (config().myself().isReplica()) {
            checkCaughtUp();
            handleReplicaFailover();
            handleReplicaMigration();
        }
    }

    /** clusterHandleSlaveMigration: the decision is {@link ReplicaMigration}'s; this moves to its target. */
    private void handleReplicaMigration() {
        if (!cluster.stateOk() || !cluster.liveConfig().getBool(ConfigParameters.CLUSTER_ALLOW_REPLICA_MIGRATION)) {
            return;
        }
        String target = migration.target(config(), now(), cluster.liveConfig().getLong("cluster-migration-barrier"));
        if (target == null) {
            return;
        }
        log.notice("Migrating to orphaned master " + target);
        cluster.store().update(cfg -> cfg.edit().put(cfg.myself().withMaster(target)).build());
        cluster.store().saveIfDirty();
        bus.broadcastPongNow();
        cluster.roleChanged();
    }

    /** resetManualFailover: also ends the master's write pause. */
    void resetManualFailover() {
        if (manual.phase() == ManualFailover.Phase.PAUSED_FOR_REPLICA) {
            cluster.writePause().accept(0L);
        }
        manual = ManualFailover.NONE;
    }

    private void checkCaughtUp() {
        ManualFailover next = manual.caughtUp(cluster.replicationOffset());
        if (next != manual) {
            manual = next;
            log.notice("All master replication stream processed, manual failover can start.");
            handleReplicaFailover();
        }
    }

    /** clusterHandleSlaveFailover: one step of {@link FailoverRules#electionStep}, then its effect. */
    private void handleReplicaFailover() {
        ClusterConfig before = config();
        long offset = cluster.replicationOffset();
        FailoverRules.ElectionInput in = new FailoverRules.ElectionInput(cluster.nodeTimeout(),
                cluster.size() / 2 + 1, FailoverRules.rank(before, offset, bus::replicationOffsetOf), offset,
                cluster.replicationDataAge(), cluster.liveConfig().getLong("cluster-replica-validity-factor"),
                cluster.liveConfig().getLong("repl-ping-replica-period") * 1000, manual.ready(), random.nextInt(500));
        FailoverRules.ElectionStep step = FailoverRules.electionStep(before, election, in, now());
        election = step.election();
        if (step.notice() != null) {
            log.notice(step.notice());
        }
        if (step.cantFailover() != null) {
            logCantFailover(step.cantFailover());
        }
        switch (step.action()) {
            case NOT_ELIGIBLE -> cantFailoverReason = "";
            case ANNOUNCE_OFFSET -> bus.broadcastPongToSiblings();
            case REQUEST_VOTES -> {
                apply(before, step.config());
                bus.broadcastMessage(bus.header(BusMessage.FAILOVER_AUTH_REQUEST,
                        manual.ready() ? BusMessage.MFLAG_FORCEACK : 0));
            }
            case TAKE_OVER -> {
                apply(before, step.config());
                if (step.config().myself().configEpoch() > before.myself().configEpoch()) {
                    log.notice("configEpoch set to " + step.config().myself().configEpoch()
                            + " after successful failover");
                }
                announcePromotion();
            }
            case WAIT -> {
                // Logged above when there is a reason.
            }
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

    /** clusterFailoverReplaceYourMaster without a vote (TAKEOVER), then the announcement. */
    void replaceMyMaster() {
        ClusterConfig before = config();
        apply(before, FailoverRules.promote(before));
        announcePromotion();
    }

    /** After a promotion: persisted, state recomputed, everyone told, any manual failover over. */
    private void announcePromotion() {
        cluster.store().saveIfDirty();
        cluster.updateState();
        bus.broadcastPongNow();
        resetManualFailover();
        cluster.roleChanged();
    }

    // ---- messages ----

    /** FAILOVER_AUTH_ACK: counts when a slot-serving master sends it for the election in progress. */
    void onAuthAck(ClusterNode sender, BusMessage m) {
        Election next = FailoverRules.countVote(config(), election, sender.id(), m.currentEpoch());
        if (next != election) {
            election = next;
            handleReplicaFailover();
        }
    }

    /** FAILOVER_AUTH_REQUEST: a master's vote; it is on disk before the ACK leaves, so a restart cannot vote twice. */
    void onAuthRequest(ClusterNode node, BusMessage m) {
        ClusterConfig before = config();
        String master = node.masterId();
        long last = master == null ? 0 : votedAt.getOrDefault(master, 0L);
        FailoverRules.Vote vote = FailoverRules.vote(before, m, last, now(), cluster.nodeTimeout());
        if (!vote.granted()) {
            if (vote.denial() != null) {
                log.warning("Failover auth denied to " + node.id() + ": " + vote.denial());
            }
            return;
        }
        apply(before, vote.config());
        cluster.store().saveIfDirty();
        votedAt.put(vote.master(), now());
        bus.sendTo(node.id(), bus.header(BusMessage.FAILOVER_AUTH_ACK, 0));
        log.notice("Failover auth granted to " + node.id() + " for epoch " + vote.config().lastVoteEpoch());
    }

    /** MFSTART from one of my replicas: pause writes and tell it the offset to reach. */
    void onMfStart(ClusterNode sender) {
        if (!FailoverRules.acceptsMfStart(config(), sender.id())) {
            return;
        }
        resetManualFailover();
        manual = ManualFailover.pausedFor(sender.id(), now());
        cluster.writePause().accept(manual.pauseUntil());
        log.notice("Manual failover requested by replica " + sender.id() + ".");
        // The PING carries PAUSED and the offset at which writes stopped.
        bus.pingNow(sender.id());
    }

    /** A PING/PONG from my master while it is paused for my manual failover: the offset to reach. */
    void onMasterHeader(BusMessage m) {
        ManualFailover next = FailoverRules.onMasterHeader(config(), manual, m);
        if (next != manual) {
            manual = next;
            log.notice("Received replication offset for paused master manual failover: " + manual.masterOffset());
            checkCaughtUp();
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
        manual = ManualFailover.requested(now(), force || takeover);
        if (takeover) {
            log.notice("Taking over the master (user request).");
            cluster.bumpEpochWithoutConsensus();
            replaceMyMaster();
        } else if (force) {
            log.notice("Forced failover user request accepted.");
        } else {
            log.notice("Manual failover user request accepted.");
            bus.sendTo(master.id(), bus.header(BusMessage.MFSTART, 0));
        }
        return null;
    }

    /** The election and manual failover in progress (tests, INFO). */
    Election election() {
        return election;
    }

    ManualFailover manual() {
        return manual;
    }
}
