package dev.trib.commands.ops;

import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.ServerVersion;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link FailoverOperation} waits for after CLUSTER FAILOVER, on real nodes. */
class FailoverOperationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ClusterView view(RedisNode n) {
        return NodesParser.parse(n.callString("CLUSTER", "NODES"));
    }

    /** The ping-sent field of the node's line for another: non-zero while a ping waits for its pong. */
    private static long pingSent(RedisNode n, String otherId) {
        return n.callString("CLUSTER", "NODES").lines().filter(l -> l.startsWith(otherId + " ")).findFirst()
                .map(l -> Long.parseLong(l.split(" ")[4])).orElse(0L);
    }

    /** Redis 7.0.13 to 7.2.3 keep a slot's "owner does not claim it" mark across a takeover (redis/redis#12564). */
    private static boolean keepsTheMark(RedisNode n) {
        return ServerVersion.parse(n.info("server", "redis_version")).keepsStaleSlotMarks();
    }

    /** A replica, its master, the master's first slot with three keys, and the promotion trib would plan. */
    private record Setup(RedisNode replica, RedisNode master, SlotSet claim, int slot, List<String> keys,
                         FailoverOperation operation, ClusterSnapshot snapshot, FailoverOperation.Promotion promotion,
                         Map<Integer, Long> keysBefore) {
    }

    private static Setup replicaWithAMarkedSlot(TestCluster c, NodeConnector connector) {
        RedisNode replica = c.nodes().stream().filter(n -> n.myself().isReplica()).findFirst().orElseThrow();
        String masterId = replica.myself().masterId().orElseThrow();
        RedisNode master = c.nodes().stream().filter(n -> n.myId().equals(masterId)).findFirst().orElseThrow();
        SlotSet claim = master.myself().slots();
        int slot = claim.toArray()[0];
        FailoverOperation operation = new FailoverOperation(connector);
        ClusterSnapshot s = operation.load(replica.address());
        FailoverOperation.Promotion p = operation.forNode(s, operation.find(s, replica.address()),
                FailoverOperation.Mode.FORCE);

        // Keys in the slot, on both: what the failover must keep.
        List<String> keys = TestData.keysOfSlot(slot, 3);
        keys.forEach(k -> master.callString("SET", k, "v"));
        Poll.until(WAIT, "the replica holding the slot's keys", () -> replica.call("CLUSTER",
                "COUNTKEYSINSLOT", Integer.toString(slot)).equals(3L));
        Map<Integer, Long> keysBefore = FailoverOperation.keysIn(connector.connect(replica.address()), claim);
        assertEquals(3L, keysBefore.get(slot));

        // The replica hears its master not claim the slot, as from a message sent before a move reached the
        // master: 7.0.13-7.2.3 mark the slot, and the master's later claims of it do not clear the mark.
        master.callString("CLUSTER", "DELSLOTS", Integer.toString(slot));
        master.callString("CLUSTER", "MEET", replica.ip(), Integer.toString(replica.port()));
        Poll.until(WAIT, "the master's handshake with its replica answered",
                () -> !master.callString("CLUSTER", "NODES").contains("handshake"));
        master.callString("CLUSTER", "ADDSLOTS", Integer.toString(slot));
        Poll.until(WAIT, "the replica seeing its master claim the slot again",
                () -> view(replica).ownerOf(slot).equals(Optional.of(masterId)));
        return new Setup(replica, master, claim, slot, keys, operation, s, p, keysBefore);
    }

    /**
     * The master stops with a ping of the replica unanswered, and the replica takes over; the master's pong, written
     * when it runs again, is older than the takeover and still claims the slots.
     */
    private static void takeOverWhileTheMasterSleeps(Setup u) {
        String masterId = u.master().myId();
        u.master().pause();
        try {
            Poll.until(WAIT, "a ping from the replica waiting for its master's pong",
                    () -> pingSent(u.replica(), masterId) != 0);
            u.replica().callString("CLUSTER", "FAILOVER", "FORCE");
            Poll.until(WAIT, "the replica promoted", () -> u.replica().myself().isMaster());
        } finally {
            u.master().resume();
        }
        Poll.until(WAIT, "the new master sees its old master as a replica",
                () -> view(u.replica()).node(masterId).map(ClusterNode::isReplica).orElse(false));
    }

    /** Every node names the promoted replica as the claim's owner, and its old master replicates it. */
    private static void assertTakenOver(TestCluster c, Setup u) {
        assertEquals(u.claim(), u.replica().myself().slots());
        for (RedisNode n : c.nodes()) {
            assertEquals(Optional.of(u.replica().myId()), view(n).ownerOf(u.slot()), n + " on slot " + u.slot());
        }
        assertEquals(Optional.of(u.replica().myId()), u.master().myself().masterId());
    }

    @Test
    void aSlotTheOldMastersStaleClaimTookFromTheNewMasterIsGivenBack() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.sixNodesByRedisCli();
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            Setup u = replicaWithAMarkedSlot(c, connector);
            int slot = u.slot();

            takeOverWhileTheMasterSleeps(u);
            boolean faulty = keepsTheMark(u.replica());
            assertEquals(!faulty, u.replica().myself().slots().contains(slot),
                    "the new master's own view of slot " + slot + " before trib looks");

            Optional<FailoverOperation.Reclaimed> reclaimed = u.operation().awaitTakenOver(u.snapshot(),
                    u.promotion(), u.claim(), u.keysBefore(), WAIT);

            assertEquals(faulty ? SlotSet.of(slot) : SlotSet.EMPTY,
                    reclaimed.map(FailoverOperation.Reclaimed::slots).orElse(SlotSet.EMPTY));
            // Redis deleted the keys of the slot it dropped: the warning says so, with how many.
            long left = (Long) u.replica().call("CLUSTER", "COUNTKEYSINSLOT", Integer.toString(slot));
            assertEquals(faulty ? 0 : 3, left);
            reclaimed.ifPresent(r -> assertEquals(u.replica().address() + " lost slot(s) " + slot + " of its old "
                    + "master in its own view after taking over (a fault of Redis 7.0.13 to 7.2.3); given back with "
                    + "CLUSTER SETSLOT NODE, but Redis had deleted their keys: 3 fewer than before the failover (its "
                    + "old master resyncs from it, so restore them from a backup).", r.warning()));
            assertTakenOver(c, u);
        }
    }

    @Test
    void aReplicaMadeReadyToTakeOverKeepsEverySlotAndKeyThroughTheSameRace() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.sixNodesByRedisCli();
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            Setup u = replicaWithAMarkedSlot(c, connector);

            // What trib's failover does first: the mark is cleared, and the replica knows its master's slots.
            SlotSet claim = u.operation().readyToTakeOver(u.promotion(), connector.connect(u.replica().address()),
                    WAIT);
            assertEquals(u.claim(), claim);
            takeOverWhileTheMasterSleeps(u);
            assertTrue(u.replica().myself().slots().contains(u.slot()),
                    "the new master's own view of slot " + u.slot() + " before trib looks");

            Optional<FailoverOperation.Reclaimed> reclaimed = u.operation().awaitTakenOver(u.snapshot(),
                    u.promotion(), u.claim(), u.keysBefore(), WAIT);

            assertEquals(Optional.empty(), reclaimed);
            for (String k : u.keys()) {
                assertEquals("v", u.replica().callString("GET", k), k);
            }
            assertTakenOver(c, u);
        }
    }
}
