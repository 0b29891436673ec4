package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bus's configuration rules with literal messages and configurations: no sockets, no clock. */
class BusRulesTest {
    private static final String ME = "5".repeat(40);
    private static final String LOW = "1".repeat(40);
    private static final String HIGH = "9".repeat(40);
    private static final String REPLICA = "c".repeat(40);

    /** Three masters (LOW 0-5000, ME 5001-10000, HIGH 10001-16383) at epochs 1, 2, 3; REPLICA follows HIGH. */
    private static ClusterConfig cluster(int myFlags) {
        ClusterConfig.Editor e = ClusterConfig.fresh(new ClusterNode(ME, "127.0.0.1", 7000, 17000, "",
                NodeFlags.MYSELF | myFlags, null, 2, 0)).edit();
        e.put(new ClusterNode(LOW, "127.0.0.1", 7001, 17001, "", NodeFlags.MASTER, null, 1, 0));
        e.put(new ClusterNode(HIGH, "127.0.0.1", 7002, 17002, "", NodeFlags.MASTER | NodeFlags.PFAIL, null, 3, 0));
        e.put(new ClusterNode(REPLICA, "127.0.0.1", 7003, 17003, "", NodeFlags.SLAVE, HIGH, 3, 0));
        for (int s = 0; s <= 16383; s++) {
            e.setOwner(s, s <= 5000 ? LOW : s <= 10000 ? ME : HIGH);
        }
        return e.currentEpoch(3).build();
    }

    private static ClusterConfig cluster() {
        return cluster(NodeFlags.MASTER);
    }

    private static BusMessage header(int type, String sender, long currentEpoch, long configEpoch) {
        return new BusMessage(type, currentEpoch, configEpoch, 0, sender, new byte[2048], null, "127.0.0.1", 7001, 0,
                17001, NodeFlags.MASTER, BusMessage.STATE_OK, 0, List.of(), null, null, null);
    }

    private static BusMessage fail(String sender, String failing) {
        return new BusMessage(BusMessage.FAIL, 3, 1, 0, sender, new byte[2048], null, "127.0.0.1", 7001, 0, 17001,
                NodeFlags.MASTER, BusMessage.STATE_OK, 0, List.of(), null, failing, null);
    }

    private static BusMessage update(String node, long configEpoch) {
        return new BusMessage(BusMessage.UPDATE, 9, 1, 0, LOW, new byte[2048], null, "127.0.0.1", 7001, 0, 17001,
                NodeFlags.MASTER, BusMessage.STATE_OK, 0, List.of(), null, null,
                new BusMessage.Update(configEpoch, node, new byte[2048]));
    }

    private static ClusterConfig adopt(ClusterConfig c, BusMessage m) {
        return BusRules.adoptHeaderEpochs(c, m.sender(), m.currentEpoch(), m.configEpoch());
    }

    @Test
    void pingAndPongHeadersMoveEpochsForwardOnly() {
        ClusterConfig c = cluster();
        ClusterConfig newer = adopt(c, header(BusMessage.PING, LOW, 7, 5));
        assertEquals(7, newer.currentEpoch());
        assertEquals(5, newer.node(LOW).configEpoch());
        assertSame(c, adopt(c, header(BusMessage.PONG, LOW, 2, 1)), "a stale header changes nothing");
        ClusterConfig mixed = adopt(c, header(BusMessage.MEET, LOW, 1, 4));
        assertEquals(3, mixed.currentEpoch(), "an older current epoch is not adopted");
        assertEquals(4, mixed.node(LOW).configEpoch(), "while the newer config epoch is");
    }

    @Test
    void epochCollisionIsWonByTheLargerName() {
        ClusterConfig c = cluster().edit().put(cluster().node(HIGH).withConfigEpoch(2)).build();
        ClusterConfig bumped = BusRules.resolveEpochCollision(c, HIGH, header(BusMessage.PING, HIGH, 3, 2).configEpoch());
        assertEquals(4, bumped.currentEpoch());
        assertEquals(4, bumped.myself().configEpoch(), "the smaller name takes current epoch + 1");

        ClusterConfig lowSameEpoch = c.edit().put(c.node(LOW).withConfigEpoch(2)).build();
        assertSame(lowSameEpoch, BusRules.resolveEpochCollision(lowSameEpoch, LOW, 2), "we have the larger name");
        assertSame(c, BusRules.resolveEpochCollision(c, HIGH, 3), "no collision: other epoch");
        assertSame(c, BusRules.resolveEpochCollision(c, REPLICA, 2), "replicas do not collide");
        ClusterConfig asReplica = cluster(NodeFlags.SLAVE);
        assertSame(asReplica, BusRules.resolveEpochCollision(asReplica, HIGH, 2), "nor do we as a replica");
    }

    @Test
    void failMarksTheNodeFailedOnceAndNeverMyself() {
        ClusterConfig c = cluster();
        ClusterConfig failed = BusRules.markFailed(c, fail(LOW, HIGH).failNode());
        assertTrue(failed.node(HIGH).has(NodeFlags.FAIL));
        assertFalse(failed.node(HIGH).has(NodeFlags.PFAIL), "FAIL replaces PFAIL");
        assertSame(failed, BusRules.markFailed(failed, fail(REPLICA, HIGH).failNode()), "already failed");
        assertSame(c, BusRules.markFailed(c, fail(LOW, ME).failNode()), "never about myself");
        assertSame(c, BusRules.markFailed(c, fail(LOW, "e".repeat(40)).failNode()), "unknown node");
    }

    @Test
    void updateWithANewerEpochMakesTheNodeAMasterAndStaleOnesAreDropped() {
        ClusterConfig c = cluster();
        BusMessage promoted = update(REPLICA, 8);
        ClusterConfig after = BusRules.applyUpdate(c, promoted.update().node(), promoted.update().configEpoch());
        assertTrue(after.node(REPLICA).isMaster());
        assertEquals(8, after.node(REPLICA).configEpoch());
        assertSame(c, BusRules.applyUpdate(c, HIGH, update(HIGH, 3).update().configEpoch()), "same epoch is stale");
        assertSame(c, BusRules.applyUpdate(c, HIGH, update(HIGH, 2).update().configEpoch()), "older epoch is stale");
        assertSame(c, BusRules.applyUpdate(c, "e".repeat(40), 99), "unknown node");
    }

    @Test
    void failQuorumIsAMajorityOfSlotServingMasters() {
        assertTrue(BusRules.failQuorum(cluster(), 1), "one other master's report plus ours: 2 of 3");
        assertFalse(BusRules.failQuorum(cluster(), 0), "ours alone: 1 of 3");
        ClusterConfig asReplica = cluster(NodeFlags.SLAVE).edit().setOwner(5001, LOW).build();
        for (int s = 5001; s <= 10000; s++) {
            asReplica = asReplica.edit().setOwner(s, LOW).build();
        }
        assertFalse(BusRules.failQuorum(asReplica, 0), "a replica's own view does not count");
        assertTrue(BusRules.failQuorum(asReplica, 2), "both slot-serving masters: 2 of 2");
        assertFalse(BusRules.failQuorum(asReplica, 1), "1 of 2 is no majority");
    }

    private static byte[] bitmap(int from, int to) {
        byte[] b = new byte[2048];
        for (int s = from; s <= to; s++) {
            b[s >> 3] |= (byte) (1 << (s & 7));
        }
        return b;
    }

    @Test
    void twoMastersWithOneConfigEpochTheSmallerNameBumpsTheLargerKeeps() {
        // ME (5...) and HIGH (9...) both at config epoch 2: ME, the smaller, moves to current epoch + 1.
        ClusterConfig mine = cluster().edit().put(cluster().node(HIGH).withConfigEpoch(2)).build();
        ClusterConfig bumped = BusRules.resolveEpochCollision(mine, HIGH, 2);
        assertEquals(4, bumped.myself().configEpoch());
        assertEquals(2, bumped.node(HIGH).configEpoch(), "the other master's epoch is its own business");
        // Seen from LOW (1...) colliding with ME: the smaller name is LOW's own, so LOW bumps.
        ClusterConfig low = ClusterConfig.fresh(new ClusterNode(LOW, "127.0.0.1", 7001, 17001, "",
                NodeFlags.MYSELF | NodeFlags.MASTER, null, 2, 0)).edit()
                .put(new ClusterNode(ME, "127.0.0.1", 7000, 17000, "", NodeFlags.MASTER, null, 2, 0))
                .currentEpoch(6).build();
        assertEquals(7, BusRules.resolveEpochCollision(low, ME, 2).myself().configEpoch());
    }

    @Test
    void aClaimWithAnOlderConfigEpochIsAnsweredWithAnUpdate() {
        ClusterConfig c = cluster();
        // LOW (epoch 1) still claims HIGH's slots (epoch 3): told who owns them, with what epoch.
        BusMessage.Update u = BusRules.staleClaim(c, LOW, 1, s -> s <= 5000 || s == 16000);
        assertEquals(HIGH, u.node());
        assertEquals(3, u.configEpoch());
        assertTrue(u.hasSlot(10001) && u.hasSlot(16383) && !u.hasSlot(10000), "all of the owner's slots");
        assertNull(BusRules.staleClaim(c, LOW, 1, s -> s <= 5000), "its own slots: nothing stale");
        assertNull(BusRules.staleClaim(c, LOW, 4, s -> s >= 10001), "a newer epoch is not stale");
    }

    @Test
    void aNewerClaimWinsTheSlotsAndAnOlderOneChangesNothing() {
        ClusterConfig c = cluster();
        BusRules.SlotClaim stale = BusRules.claimSlots(c, LOW, 1, s -> s >= 10001, true);
        assertSame(c, stale.config(), "epoch 1 does not beat HIGH's 3");
        BusRules.SlotClaim won = BusRules.claimSlots(c, LOW, 5, s -> s >= 10001, true);
        assertEquals(LOW, won.config().owner(16383));
        assertEquals(0, won.config().slotCount(HIGH));
        assertTrue(won.lostSlots().isEmpty(), "none of them were mine");
        assertFalse(won.becameReplica());
        assertSame(c, BusRules.claimSlots(c, ME, 9, s -> true, true).config(), "a claim in my own name");
    }

    @Test
    void losingMyLastSlotMakesMeAReplicaOfTheWinnerUnlessMigrationIsOffAndImportingSlotsStay() {
        ClusterConfig c = cluster().edit().importing(5001, LOW).build();
        BusRules.SlotClaim claim = BusRules.claimSlots(c, HIGH, 5, s -> s >= 5001 && s <= 10000, true);
        assertEquals(ME, claim.config().owner(5001), "a slot I am importing is not taken");
        assertEquals(HIGH, claim.config().owner(5002));
        assertEquals(4999, claim.lostSlots().size());
        assertFalse(claim.becameReplica(), "I still serve slot 5001");

        BusRules.SlotClaim all = BusRules.claimSlots(cluster(), HIGH, 5, s -> s >= 5001 && s <= 10000, true);
        assertTrue(all.becameReplica());
        assertEquals(HIGH, all.config().myself().masterId());
        assertFalse(BusRules.claimSlots(cluster(), HIGH, 5, s -> s >= 5001 && s <= 10000, false).becameReplica(),
                "a master stays one without replica migration");
    }

    @Test
    void publishIsDeliveredOnlyFromAKnownNode() {
        ClusterConfig c = cluster();
        assertTrue(BusRules.deliversPublish(c, header(BusMessage.PUBLISH, LOW, 3, 1)));
        assertTrue(BusRules.deliversPublish(c, header(BusMessage.PUBLISHSHARD, LOW, 3, 1)));
        assertFalse(BusRules.deliversPublish(c, header(BusMessage.PUBLISH, "e".repeat(40), 3, 1)), "a stranger");
        ClusterConfig shaking = c.edit().put(new ClusterNode("f".repeat(40), "127.0.0.1", 7009, 17009, "",
                NodeFlags.HANDSHAKE, null, 0, 0)).build();
        assertFalse(BusRules.deliversPublish(shaking, header(BusMessage.PUBLISH, "f".repeat(40), 3, 1)),
                "a node still in handshake");
        assertFalse(BusRules.deliversPublish(c, header(BusMessage.PING, LOW, 3, 1)), "not a PUBLISH");
        assertEquals(7, adopt(c, header(BusMessage.PUBLISH, LOW, 7, 1)).currentEpoch(),
                "its header's epochs count like any other message's");
    }

    @Test
    void aPfailNodeFailsOnceTheReportsReachAMajority() {
        ClusterConfig c = cluster(); // HIGH is PFAIL here
        assertSame(c, BusRules.failOnQuorum(c, HIGH, 0), "our own view alone is 1 of 3");
        ClusterConfig failed = BusRules.failOnQuorum(c, HIGH, 1);
        assertTrue(failed.node(HIGH).has(NodeFlags.FAIL));
        assertFalse(failed.node(HIGH).has(NodeFlags.PFAIL));
        assertSame(failed, BusRules.failOnQuorum(failed, HIGH, 2), "already FAIL");
        assertSame(c, BusRules.failOnQuorum(c, LOW, 2), "reports about a node we reach are not enough");
    }

    @Test
    void aPongClearsPfailAtOnceButAServingMastersFailOnlyAfterTwiceTheTimeout() {
        ClusterConfig c = cluster();
        assertFalse(BusRules.onPong(c, HIGH, 50_000, 0, 1000).node(HIGH).has(NodeFlags.PFAIL));
        ClusterConfig failed = BusRules.failOnQuorum(c, HIGH, 1);
        assertSame(failed, BusRules.onPong(failed, HIGH, 11_000, 10_000, 1000),
                "a slot-serving master back within 2 x timeout stays FAIL (its replica may be winning)");
        assertFalse(BusRules.onPong(failed, HIGH, 12_001, 10_000, 1000).node(HIGH).has(NodeFlags.FAIL));
        ClusterConfig replicaFailed = c.edit().put(c.node(REPLICA).withFlag(NodeFlags.FAIL, true)).build();
        assertFalse(BusRules.onPong(replicaFailed, REPLICA, 10_001, 10_000, 1000).node(REPLICA)
                .has(NodeFlags.FAIL), "a replica serves no slots: cleared at once");
        assertSame(c, BusRules.onPong(c, LOW, 10_000, 0, 1000), "a healthy node: nothing to clear");
    }
}
