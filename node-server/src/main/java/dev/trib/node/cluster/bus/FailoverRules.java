package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.planner.topology.KeySlots;
import java.util.BitSet;
import java.util.function.ToLongFunction;

/**
 * Failover's rules as pure functions over the configuration, the election and manual-failover values and the time:
 * the replica's election step (clusterHandleSlaveFailover), a master's vote (clusterSendFailoverAuthIfNeeded), ACK
 * counting, MFSTART and the promotion. No links, no clock, no log: {@link Failover} applies what they return, sends
 * the messages they ask for and logs their notices.
 */
final class FailoverRules {
    private FailoverRules() {
    }

    // ---- replica: the election ----

    /**
     * What the replica's election needs besides the configuration; rank and offsets come from the siblings' last
     * headers, the jitter from a random source (0-499 ms).
     *
     * @param dataAgeMs      ms since the replica last heard from its master
     * @param validityFactor cluster-replica-validity-factor (0: any age)
     * @param pingPeriodMs   repl-ping-replica-period in ms
     */
    record ElectionInput(long nodeTimeout, int quorum, int rank, long myOffset, long dataAgeMs, long validityFactor,
                         long pingPeriodMs, boolean manual, int jitterMs) {
    }

    enum Action {
        /** The replica is not entitled to fail over now (master fine, nofailover, master without slots). */
        NOT_ELIGIBLE,
        /** Nothing to send this time; {@link ElectionStep#cantFailover} may say why. */
        WAIT,
        /** An election was scheduled: tell the siblings our offset so their ranks are right. */
        ANNOUNCE_OFFSET,
        /** Send FAILOVER_AUTH_REQUEST (FORCEACK when manual) with the bumped current epoch. */
        REQUEST_VOTES,
        /** A majority voted: the configuration already has us as master; announce it. */
        TAKE_OVER
    }

    /**
     * @param notice       a line for the log, or null
     * @param cantFailover why the replica cannot fail over yet (logged at a limited rate), or null
     */
    record ElectionStep(ClusterConfig config, Election election, Action action, String notice, String cantFailover) {
    }

    /** Both the auth timeout (how long an election may take) and, doubled, the retry time. */
    static long authTimeout(long nodeTimeout) {
        return Math.max(nodeTimeout * 2, 2000);
    }

    /** One cron tick (or an ACK) of the replica's election. */
    static ElectionStep electionStep(ClusterConfig c, Election e, ElectionInput in, long now) {
        ClusterNode me = c.myself();
        ClusterNode master = me.masterId() == null ? null : c.node(me.masterId());
        if (master == null || (!master.has(NodeFlags.FAIL) && !in.manual())
                || (me.has(NodeFlags.NOFAILOVER) && !in.manual()) || c.slotCount(master.id()) == 0) {
            return new ElectionStep(c, e, Action.NOT_ELIGIBLE, null, null);
        }
        long dataAge = in.dataAgeMs() > in.nodeTimeout() ? in.dataAgeMs() - in.nodeTimeout() : in.dataAgeMs();
        if (in.validityFactor() > 0 && dataAge > in.pingPeriodMs() + in.nodeTimeout() * in.validityFactor()
                && !in.manual()) {
            return wait(c, e, "Disconnected from master for longer than allowed. Please check the "
                    + "'cluster-replica-validity-factor' configuration option.");
        }
        long authTimeout = authTimeout(in.nodeTimeout());
        if (e.phase() == Election.Phase.IDLE || now - e.startAt() > authTimeout * 2) {
            int rank = in.manual() ? 0 : in.rank();
            long at = in.manual() ? now : now + 500 + in.jitterMs() + rank * 1000L;
            return new ElectionStep(c, e.scheduled(at, rank), Action.ANNOUNCE_OFFSET, "Start of election delayed for "
                    + (at - now) + " milliseconds (rank #" + rank + ", offset " + in.myOffset() + ").", null);
        }
        String notice = null;
        if (e.phase() == Election.Phase.WAITING_DELAY && !in.manual() && in.rank() > e.rank()) {
            notice = "Replica rank updated to #" + in.rank() + ", added " + (in.rank() - e.rank()) * 1000L
                    + " milliseconds of delay.";
            e = e.delayedForRank(in.rank());
        }
        if (now < e.startAt()) {
            return new ElectionStep(c, e, Action.WAIT, notice, null);
        }
        if (now - e.startAt() > authTimeout) {
            return wait(c, e.failed(), "Failover attempt expired.");
        }
        if (e.phase() == Election.Phase.WAITING_DELAY) {
            long epoch = c.currentEpoch() + 1;
            return new ElectionStep(c.edit().currentEpoch(epoch).build(), e.requesting(epoch), Action.REQUEST_VOTES,
                    "Starting a failover election for epoch " + epoch + ".", null);
        }
        if (e.phase() == Election.Phase.REQUESTING_VOTES && e.votes() >= in.quorum()) {
            ClusterConfig won = me.configEpoch() < e.epoch() ? c.edit().put(me.withConfigEpoch(e.epoch())).build() : c;
            return new ElectionStep(promote(won), e.won(), Action.TAKE_OVER,
                    "Failover election won: I'm the new master.", null);
        }
        return wait(c, e, "Waiting for votes, but majority still not reached.");
    }

    private static ElectionStep wait(ClusterConfig c, Election e, String why) {
        return new ElectionStep(c, e, Action.WAIT, null, why);
    }

    /** clusterGetSlaveRank: siblings that may fail over and have processed more of the stream than we have. */
    static int rank(ClusterConfig c, long myOffset, ToLongFunction<String> offsetOf) {
        int rank = 0;
        for (ClusterNode r : c.replicasOf(c.myself().masterId())) {
            if (!r.isMyself() && !r.has(NodeFlags.NOFAILOVER) && offsetOf.applyAsLong(r.id()) > myOffset) {
                rank++;
            }
        }
        return rank;
    }

    /** An ACK counts when a slot-serving master sends it for the election we are running. */
    static Election countVote(ClusterConfig c, Election e, String sender, long ackCurrentEpoch) {
        ClusterNode s = c.node(sender);
        if (s == null || !s.isMaster() || c.slotCount(sender) == 0 || e.phase() != Election.Phase.REQUESTING_VOTES
                || ackCurrentEpoch < e.epoch()) {
            return e;
        }
        return e.withVote();
    }

    /** clusterFailoverReplaceYourMaster: myself becomes a master owning every slot of my old master. */
    static ClusterConfig promote(ClusterConfig c) {
        ClusterNode me = c.myself();
        String old = me.masterId();
        if (me.isMaster() || old == null) {
            return c;
        }
        BitSet slots = c.slotsOf(old);
        ClusterConfig.Editor e = c.edit().put(me.asMaster().withConfigEpoch(me.configEpoch()));
        for (int s = slots.nextSetBit(0); s >= 0; s = slots.nextSetBit(s + 1)) {
            e.setOwner(s, c.myId());
        }
        return e.build();
    }

    // ---- master: the vote ----

    /**
     * A master's answer to FAILOVER_AUTH_REQUEST.
     *
     * @param config  with lastVoteEpoch set when granted (persisted before the ACK is sent), else the input
     * @param master  the failing master voted about, when granted
     * @param denial  why not, for the log; null when granted or silently ignored
     */
    record Vote(boolean granted, ClusterConfig config, String master, String denial) {
    }

    /**
     * clusterSendFailoverAuthIfNeeded.
     *
     * @param lastVoteAt when this node last voted for a replica of the requester's master (0: never)
     */
    static Vote vote(ClusterConfig c, BusMessage request, long lastVoteAt, long now, long nodeTimeout) {
        ClusterNode me = c.myself();
        ClusterNode node = c.node(request.sender());
        if (me.isReplica() || c.slotCount(me.id()) == 0 || node == null) {
            return new Vote(false, c, null, null);
        }
        long currentEpoch = c.currentEpoch();
        if (request.currentEpoch() < currentEpoch) {
            return denied(c, "reqEpoch (" + request.currentEpoch() + ") < curEpoch(" + currentEpoch + ")");
        }
        if (c.lastVoteEpoch() == currentEpoch) {
            return denied(c, "already voted for epoch " + currentEpoch);
        }
        boolean forceAck = (request.mflags0() & BusMessage.MFLAG_FORCEACK) != 0;
        ClusterNode master = node.masterId() == null ? null : c.node(node.masterId());
        if (node.isMaster() || master == null || (!master.has(NodeFlags.FAIL) && !forceAck)) {
            return denied(c, node.isMaster() ? "it is a master node"
                    : master == null ? "I don't know its master" : "its master is up");
        }
        if (now - lastVoteAt < nodeTimeout * 2) {
            return denied(c, "can't vote about this master before " + (nodeTimeout * 2 - (now - lastVoteAt))
                    + " milliseconds");
        }
        for (int s = 0; s < KeySlots.COUNT; s++) {
            ClusterNode owner = request.hasSlot(s) ? c.ownerNode(s) : null;
            if (owner != null && owner.configEpoch() > request.configEpoch()) {
                return denied(c, "slot " + s + " epoch (" + owner.configEpoch() + ") > reqEpoch ("
                        + request.configEpoch() + ")");
            }
        }
        return new Vote(true, c.edit().lastVoteEpoch(currentEpoch).build(), master.id(), null);
    }

    private static Vote denied(ClusterConfig c, String why) {
        return new Vote(false, c, null, why);
    }

    // ---- manual failover ----

    /** MFSTART is honoured only by a master from one of its own replicas. */
    static boolean acceptsMfStart(ClusterConfig c, String sender) {
        ClusterNode me = c.myself();
        ClusterNode s = c.node(sender);
        return me.isMaster() && s != null && me.id().equals(s.masterId());
    }

    /** A PING/PONG from my master with PAUSED set carries the offset my manual failover must reach. */
    static ManualFailover onMasterHeader(ClusterConfig c, ManualFailover mf, BusMessage m) {
        ClusterNode me = c.myself();
        ClusterNode s = c.node(m.sender());
        if (s == null || !s.isMaster() || !s.id().equals(me.masterId())
                || (m.mflags0() & BusMessage.MFLAG_PAUSED) == 0) {
            return mf;
        }
        return mf.withMasterOffset(m.offset());
    }
}
