package dev.trib.node.cluster.bus;

/**
 * A replica's failover election (clusterHandleSlaveFailover's failover_auth_* fields) as an immutable value: each
 * rule in {@link FailoverRules} returns the next one. An election is not cancelled when the master comes back; as in
 * Redis it is no longer driven and runs out by time ({@link FailoverRules#authTimeout}).
 *
 * @param startAt when the vote request goes out (after the delay for our rank)
 * @param rank    our rank among the master's replicas when the delay was last set
 * @param epoch   the current epoch the request was sent with; 0 before it is sent
 * @param votes   acknowledgements from slot-serving masters for {@code epoch}
 */
record Election(Phase phase, long startAt, int rank, long epoch, int votes) {
    enum Phase {
        /** No election since start-up. */
        IDLE,
        /** Scheduled: waiting until {@code startAt} (500 ms + jitter + rank x 1 s, none for a manual failover). */
        WAITING_DELAY,
        /** FAILOVER_AUTH_REQUEST sent for {@code epoch}; counting ACKs. */
        REQUESTING_VOTES,
        /** A majority voted: this replica took its master's slots. */
        WON,
        /** No majority within the auth timeout; a new election may start after the retry time. */
        FAILED
    }

    static final Election NONE = new Election(Phase.IDLE, 0, 0, 0, 0);

    Election scheduled(long at, int newRank) {
        return new Election(Phase.WAITING_DELAY, at, newRank, 0, 0);
    }

    /** A sibling overtook us while we waited: one more second of delay per rank lost. */
    Election delayedForRank(int newRank) {
        return new Election(phase, startAt + (newRank - rank) * 1000L, newRank, epoch, votes);
    }

    Election requesting(long requestEpoch) {
        return new Election(Phase.REQUESTING_VOTES, startAt, rank, requestEpoch, 0);
    }

    Election withVote() {
        return new Election(phase, startAt, rank, epoch, votes + 1);
    }

    Election won() {
        return new Election(Phase.WON, startAt, rank, epoch, votes);
    }

    Election failed() {
        return new Election(Phase.FAILED, startAt, rank, epoch, votes);
    }
}
