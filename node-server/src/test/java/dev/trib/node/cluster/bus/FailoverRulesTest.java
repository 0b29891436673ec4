package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failover's rules with literal FAILOVER_AUTH_REQUEST / ACK, MFSTART and PING headers and literal configurations:
 * votes and their refusals, the election's phases, manual failover's handshake. No sockets, no clock.
 */
class FailoverRulesTest {
    private static final String A = "1".repeat(40);
    private static final String B = "2".repeat(40);
    private static final String C = "3".repeat(40);
    private static final String R1 = "4".repeat(40);
    private static final String R2 = "5".repeat(40);
    private static final long TIMEOUT = 1000;

    /**
     * Masters A (0-5460, epoch 1), B (5461-10922, epoch 2), C (10923-16383, epoch 3); R1 and R2 replicate C.
     * Current epoch 4, last vote in epoch 3.
     */
    private static ClusterConfig cluster(String me, boolean cFailed) {
        Map<String, ClusterNode> nodes = Map.of(
                A, new ClusterNode(A, "127.0.0.1", 7000, 17000, "", NodeFlags.MASTER, null, 1, 0),
                B, new ClusterNode(B, "127.0.0.1", 7001, 17001, "", NodeFlags.MASTER, null, 2, 0),
                C, new ClusterNode(C, "127.0.0.1", 7002, 17002, "", NodeFlags.MASTER | (cFailed ? NodeFlags.FAIL : 0),
                        null, 3, 0),
                R1, new ClusterNode(R1, "127.0.0.1", 7003, 17003, "", NodeFlags.SLAVE, C, 3, 0),
                R2, new ClusterNode(R2, "127.0.0.1", 7004, 17004, "", NodeFlags.SLAVE, C, 3, 0));
        ClusterConfig.Editor e = ClusterConfig.fresh(nodes.get(me).withFlag(NodeFlags.MYSELF, true)).edit();
        nodes.forEach((id, n) -> {
            if (!id.equals(me)) {
                e.put(n);
            }
        });
        for (int s = 0; s <= 16383; s++) {
            e.setOwner(s, s <= 5460 ? A : s <= 10922 ? B : C);
        }
        return e.currentEpoch(4).lastVoteEpoch(3).build();
    }

    private static BusMessage message(int type, String sender, long currentEpoch, long configEpoch, long offset,
                                      byte[] slots, String slaveOf, int mflags) {
        return new BusMessage(type, currentEpoch, configEpoch, offset, sender, slots, slaveOf, "127.0.0.1", 7003, 0,
                17003, slaveOf == null ? NodeFlags.MASTER : NodeFlags.SLAVE, BusMessage.STATE_OK, mflags, List.of(),
                null, null, null);
    }

    /** R1 asks for votes as Redis does: its master's slots and config epoch, the epoch it bumped to. */
    private static BusMessage authRequest(long currentEpoch, long configEpoch, int mflags) {
        return message(BusMessage.FAILOVER_AUTH_REQUEST, R1, currentEpoch, configEpoch, 0,
                BusRules.slotBitmap(cluster(A, true), C), C, mflags);
    }

    // ---- votes ----

    @Test
    void aMasterVotesForTheReplicaOfAFailedMasterAndRecordsTheEpoch() {
        ClusterConfig c = cluster(A, true);
        FailoverRules.Vote v = FailoverRules.vote(c, authRequest(4, 3, 0), 0, 100_000, TIMEOUT);
        assertTrue(v.granted());
        assertEquals(C, v.master());
        assertEquals(4, v.config().lastVoteEpoch(), "the vote's epoch is stored before the ACK is sent");
        assertEquals(3, c.lastVoteEpoch(), "the input is not touched");
    }

    @Test
    void noVoteWhileTheMasterIsUpUnlessTheRequestCarriesForceAck() {
        ClusterConfig c = cluster(A, false);
        FailoverRules.Vote v = FailoverRules.vote(c, authRequest(4, 3, 0), 0, 100_000, TIMEOUT);
        assertFalse(v.granted());
        assertEquals("its master is up", v.denial());
        assertSame(c, v.config());
        assertTrue(FailoverRules.vote(c, authRequest(4, 3, BusMessage.MFLAG_FORCEACK), 0, 100_000, TIMEOUT)
                .granted(), "a manual failover's request (FORCEACK) needs no failed master");
    }

    @Test
    void oneVotePerEpoch() {
        ClusterConfig voted = cluster(A, true).edit().lastVoteEpoch(4).build();
        FailoverRules.Vote v = FailoverRules.vote(voted, authRequest(4, 3, 0), 0, 100_000, TIMEOUT);
        assertEquals("already voted for epoch 4", v.denial());
    }

    @Test
    void noSecondVoteAboutTheSameMasterWithinTwiceTheNodeTimeout() {
        ClusterConfig c = cluster(A, true);
        FailoverRules.Vote soon = FailoverRules.vote(c, authRequest(4, 3, 0), 99_500, 100_000, TIMEOUT);
        assertEquals("can't vote about this master before 1500 milliseconds", soon.denial());
        assertTrue(FailoverRules.vote(c, authRequest(4, 3, 0), 97_999, 100_000, TIMEOUT).granted());
    }

    @Test
    void staleRequestsAreRefused() {
        ClusterConfig c = cluster(A, true);
        assertEquals("reqEpoch (3) < curEpoch(4)",
                FailoverRules.vote(c, authRequest(3, 3, 0), 0, 100_000, TIMEOUT).denial(), "an older election");
        assertEquals("slot 10923 epoch (3) > reqEpoch (2)",
                FailoverRules.vote(c, authRequest(4, 2, 0), 0, 100_000, TIMEOUT).denial(),
                "slots claimed with a config epoch older than their owner's");
    }

    @Test
    void onlySlotServingMastersVoteAndOnlyForReplicas() {
        BusMessage request = authRequest(4, 3, 0);
        FailoverRules.Vote fromReplica = FailoverRules.vote(cluster(R2, true), request, 0, 100_000, TIMEOUT);
        assertFalse(fromReplica.granted());
        assertNull(fromReplica.denial(), "a replica ignores the request silently");
        ClusterConfig empty = cluster(A, true);
        ClusterConfig.Editor e = empty.edit();
        for (int s = 0; s <= 5460; s++) {
            e.setOwner(s, B);
        }
        assertNull(FailoverRules.vote(e.build(), request, 0, 100_000, TIMEOUT).denial(), "a master without slots");
        BusMessage fromMaster = message(BusMessage.FAILOVER_AUTH_REQUEST, B, 4, 2, 0, new byte[2048], null, 0);
        assertEquals("it is a master node",
                FailoverRules.vote(cluster(A, true), fromMaster, 0, 100_000, TIMEOUT).denial());
        ClusterConfig noC = cluster(A, true).edit().remove(C).build();
        assertEquals("I don't know its master", FailoverRules.vote(noC, request, 0, 100_000, TIMEOUT).denial());
    }

    // ---- the election ----

    private static FailoverRules.ElectionInput input(int rank, boolean manual) {
        return new FailoverRules.ElectionInput(TIMEOUT, 2, rank, 0, 0, 10, 10_000, manual, 100);
    }

    @Test
    void anElectionWaitsItsDelayRequestsVotesAndWinsWithAMajority() {
        ClusterConfig c = cluster(R1, true);
        FailoverRules.ElectionStep scheduled = FailoverRules.electionStep(c, Election.NONE, input(0, false), 10_000);
        assertEquals(FailoverRules.Action.ANNOUNCE_OFFSET, scheduled.action());
        assertEquals(Election.Phase.WAITING_DELAY, scheduled.election().phase());
        assertEquals(10_600, scheduled.election().startAt(), "500 ms + 100 ms jitter + rank 0");
        assertEquals("Start of election delayed for 600 milliseconds (rank #0, offset 0).", scheduled.notice());

        FailoverRules.ElectionStep early = FailoverRules.electionStep(c, scheduled.election(), input(0, false), 10_300);
        assertEquals(FailoverRules.Action.WAIT, early.action());
        assertNull(early.cantFailover());

        FailoverRules.ElectionStep request = FailoverRules.electionStep(c, early.election(), input(0, false), 10_600);
        assertEquals(FailoverRules.Action.REQUEST_VOTES, request.action());
        assertEquals(5, request.config().currentEpoch(), "the election runs in a new epoch");
        assertEquals(5, request.election().epoch());
        assertEquals(Election.Phase.REQUESTING_VOTES, request.election().phase());

        ClusterConfig now = request.config();
        Election e = request.election();
        e = FailoverRules.countVote(now, e, A, 5);
        assertEquals(1, e.votes());
        assertEquals(e, FailoverRules.countVote(now, e, R2, 5), "a replica's ACK does not count");
        assertEquals(e, FailoverRules.countVote(now, e, B, 4), "an ACK for an older epoch does not count");
        FailoverRules.ElectionStep short1 = FailoverRules.electionStep(now, e, input(0, false), 10_700);
        assertEquals("Waiting for votes, but majority still not reached.", short1.cantFailover());
        e = FailoverRules.countVote(now, e, B, 5);

        FailoverRules.ElectionStep won = FailoverRules.electionStep(now, e, input(0, false), 10_800);
        assertEquals(FailoverRules.Action.TAKE_OVER, won.action());
        assertEquals(Election.Phase.WON, won.election().phase());
        ClusterConfig after = won.config();
        assertTrue(after.myself().isMaster());
        assertEquals(5, after.myself().configEpoch(), "the winner takes the election's epoch");
        assertEquals(R1, after.owner(10923));
        assertEquals(R1, after.owner(16383));
        assertEquals(0, after.slotCount(C));
        assertEquals(A, after.owner(0), "other masters' slots stay");
    }

    @Test
    void aSiblingThatOvertakesUsAddsASecondPerRank() {
        ClusterConfig c = cluster(R1, true);
        Election waiting = FailoverRules.electionStep(c, Election.NONE, input(0, false), 10_000).election();
        FailoverRules.ElectionStep later = FailoverRules.electionStep(c, waiting, input(1, false), 10_300);
        assertEquals(11_600, later.election().startAt());
        assertEquals("Replica rank updated to #1, added 1000 milliseconds of delay.", later.notice());
        assertEquals(FailoverRules.Action.WAIT, FailoverRules.electionStep(c, later.election(), input(1, false),
                10_700).action(), "not yet: the delay grew");
    }

    @Test
    void anElectionWithoutMajorityExpiresAndIsRetriedAfterTwiceTheAuthTimeout() {
        ClusterConfig c = cluster(R1, true);
        Election waiting = FailoverRules.electionStep(c, Election.NONE, input(0, false), 10_000).election();
        FailoverRules.ElectionStep request = FailoverRules.electionStep(c, waiting, input(0, false), 10_600);
        FailoverRules.ElectionStep expired = FailoverRules.electionStep(request.config(), request.election(),
                input(0, false), 10_600 + 2001);
        assertEquals(Election.Phase.FAILED, expired.election().phase());
        assertEquals("Failover attempt expired.", expired.cantFailover());
        FailoverRules.ElectionStep retry = FailoverRules.electionStep(request.config(), expired.election(),
                input(0, false), 10_600 + 4001);
        assertEquals(FailoverRules.Action.ANNOUNCE_OFFSET, retry.action());
        assertEquals(Election.Phase.WAITING_DELAY, retry.election().phase());
        assertEquals(0, retry.election().votes());
    }

    @Test
    void noElectionWhileTheMasterIsUpOrForANoFailoverReplicaUnlessManual() {
        ClusterConfig up = cluster(R1, false);
        assertEquals(FailoverRules.Action.NOT_ELIGIBLE,
                FailoverRules.electionStep(up, Election.NONE, input(0, false), 10_000).action());
        ClusterConfig noFailover = cluster(R1, true).edit()
                .put(cluster(R1, true).myself().withFlag(NodeFlags.NOFAILOVER, true)).build();
        assertEquals(FailoverRules.Action.NOT_ELIGIBLE,
                FailoverRules.electionStep(noFailover, Election.NONE, input(0, false), 10_000).action());
        FailoverRules.ElectionStep manual = FailoverRules.electionStep(up, Election.NONE, input(2, true), 10_000);
        assertEquals(FailoverRules.Action.ANNOUNCE_OFFSET, manual.action());
        assertEquals(10_000, manual.election().startAt(), "a manual failover has no delay and no rank");
        assertEquals(0, manual.election().rank());
    }

    @Test
    void aReplicaCutOffTooLongDoesNotStandUnlessManual() {
        ClusterConfig c = cluster(R1, true);
        FailoverRules.ElectionInput stale = new FailoverRules.ElectionInput(TIMEOUT, 2, 0, 0, 30_000, 10, 10_000,
                false, 100);
        FailoverRules.ElectionStep step = FailoverRules.electionStep(c, Election.NONE, stale, 50_000);
        assertEquals(FailoverRules.Action.WAIT, step.action());
        assertTrue(step.cantFailover().startsWith("Disconnected from master for longer than allowed."));
    }

    @Test
    void rankCountsSiblingsFurtherAheadThatMayFailOver() {
        ClusterConfig c = cluster(R1, true);
        assertEquals(1, FailoverRules.rank(c, 100, id -> id.equals(R2) ? 200 : 0));
        assertEquals(0, FailoverRules.rank(c, 300, id -> id.equals(R2) ? 200 : 0));
        ClusterConfig r2NoFailover = c.edit().put(c.node(R2).withFlag(NodeFlags.NOFAILOVER, true)).build();
        assertEquals(0, FailoverRules.rank(r2NoFailover, 100, id -> 200));
    }

    // ---- manual failover ----

    @Test
    void manualFailoverWaitsForThePausedMastersOffsetThenCatchesUp() {
        ClusterConfig c = cluster(R1, false);
        ManualFailover mf = ManualFailover.requested(10_000, false);
        assertEquals(ManualFailover.Phase.WAITING_FOR_OFFSET, mf.phase());
        assertEquals(15_000, mf.deadline());

        BusMessage unpaused = message(BusMessage.PING, C, 4, 3, 1234, new byte[2048], null, 0);
        assertSame(mf, FailoverRules.onMasterHeader(c, mf, unpaused), "not paused: no offset yet");
        BusMessage otherMaster = message(BusMessage.PING, B, 4, 2, 1234, new byte[2048], null,
                BusMessage.MFLAG_PAUSED);
        assertSame(mf, FailoverRules.onMasterHeader(c, mf, otherMaster), "only my master's offset counts");

        BusMessage paused = message(BusMessage.PING, C, 4, 3, 1234, new byte[2048], null, BusMessage.MFLAG_PAUSED);
        ManualFailover catching = FailoverRules.onMasterHeader(c, mf, paused);
        assertEquals(ManualFailover.Phase.CATCHING_UP, catching.phase());
        assertEquals(1234, catching.masterOffset());
        assertSame(catching, FailoverRules.onMasterHeader(c, catching,
                message(BusMessage.PONG, C, 4, 3, 9999, new byte[2048], null, BusMessage.MFLAG_PAUSED)),
                "the offset is taken once");
        assertSame(catching, catching.caughtUp(1000));
        ManualFailover ready = catching.caughtUp(1234);
        assertTrue(ready.ready());
        assertFalse(ready.expired(15_000));
        assertTrue(ready.expired(15_001), "the whole handshake must end within 5 s");
    }

    @Test
    void forceSkipsTheHandshake() {
        assertTrue(ManualFailover.requested(10_000, true).ready());
    }

    @Test
    void mfStartPausesTheMasterForItsOwnReplicaOnly() {
        assertTrue(FailoverRules.acceptsMfStart(cluster(C, false), R1));
        assertFalse(FailoverRules.acceptsMfStart(cluster(A, false), R1), "not my replica");
        assertFalse(FailoverRules.acceptsMfStart(cluster(C, false), B), "a master cannot ask");
        assertFalse(FailoverRules.acceptsMfStart(cluster(R2, false), R1), "a replica pauses nothing");
        ManualFailover paused = ManualFailover.pausedFor(R1, 10_000);
        assertEquals(ManualFailover.Phase.PAUSED_FOR_REPLICA, paused.phase());
        assertEquals(R1, paused.replica());
        assertEquals(20_000, paused.pauseUntil(), "writes are held for twice the manual failover timeout");
        assertEquals(15_000, paused.deadline());
    }

    @Test
    void promotionWithoutAMasterChangesNothing() {
        ClusterConfig master = cluster(A, false);
        assertSame(master, FailoverRules.promote(master));
    }
}
