package dev.trib.node.cluster.bus;

/**
 * CLUSTER FAILOVER's handshake (mf_end, mf_slave, mf_master_offset, mf_can_start) as an immutable value, on both
 * sides: the replica asks with MFSTART, its master pauses writes and sends the offset at which it stopped, the
 * replica catches up to it and then runs an election that needs no delay and no failed master. All of it must end
 * within {@link #TIMEOUT_MS}.
 *
 * @param deadline     when the handshake is abandoned; 0 when none is in progress
 * @param replica      master side: the replica we paused for
 * @param masterOffset replica side: the paused master's offset, -1 until it is known
 */
record ManualFailover(Phase phase, long deadline, String replica, long masterOffset) {
    /** CLUSTER_MF_TIMEOUT. */
    static final long TIMEOUT_MS = 5000;
    /** The master holds writes for twice the timeout, as Redis does. */
    static final long PAUSE_MULT = 2;

    enum Phase {
        NONE,
        /** Replica: MFSTART sent, waiting for a PAUSED header from the master with its offset. */
        WAITING_FOR_OFFSET,
        /** Replica: the master's offset is known; waiting for replication to reach it. */
        CATCHING_UP,
        /** Replica: caught up (or FORCE): the election may start now, with FORCEACK. */
        READY,
        /** Master: writes paused for {@code replica}'s failover. */
        PAUSED_FOR_REPLICA
    }

    static final ManualFailover NONE = new ManualFailover(Phase.NONE, 0, null, -1);

    /** A replica's CLUSTER FAILOVER: FORCE skips the handshake (the master may be down). */
    static ManualFailover requested(long now, boolean force) {
        return new ManualFailover(force ? Phase.READY : Phase.WAITING_FOR_OFFSET, now + TIMEOUT_MS, null, -1);
    }

    /** A master's answer to MFSTART. */
    static ManualFailover pausedFor(String replica, long now) {
        return new ManualFailover(Phase.PAUSED_FOR_REPLICA, now + TIMEOUT_MS, replica, -1);
    }

    /** Until when the master holds writes. */
    long pauseUntil() {
        return deadline - TIMEOUT_MS + TIMEOUT_MS * PAUSE_MULT;
    }

    boolean inProgress() {
        return phase != Phase.NONE;
    }

    boolean expired(long now) {
        return inProgress() && deadline < now;
    }

    /** The paused master's offset arrived; it counts once. */
    ManualFailover withMasterOffset(long offset) {
        return phase == Phase.WAITING_FOR_OFFSET ? new ManualFailover(Phase.CATCHING_UP, deadline, null, offset) : this;
    }

    /** Replication reached the master's offset: the election may start. */
    ManualFailover caughtUp(long myOffset) {
        return phase == Phase.CATCHING_UP && myOffset == masterOffset
                ? new ManualFailover(Phase.READY, deadline, null, masterOffset) : this;
    }

    boolean ready() {
        return phase == Phase.READY;
    }
}
