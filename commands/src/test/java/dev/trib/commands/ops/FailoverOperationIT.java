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
        ServerVersion v = ServerVersion.parse(n.info("server", "redis_version"));
        return v.atLeast(ServerVersion.parse("7.0.13")) && !v.atLeast(ServerVersion.parse("7.2.4"));
    }

    @Test
    void aSlotTheOldMastersStaleClaimTookFromTheNewMasterIsGivenBack() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.sixNodesByRedisCli();
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
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

            // The master stops with a ping of the replica unanswered; its pong, written when it runs again, is
            // older than the takeover the replica then makes and still claims the slots.
            master.pause();
            try {
                Poll.until(WAIT, "a ping from the replica waiting for its master's pong",
                        () -> pingSent(replica, masterId) != 0);
                replica.callString("CLUSTER", "FAILOVER", "FORCE");
                Poll.until(WAIT, "the replica promoted", () -> replica.myself().isMaster());
            } finally {
                master.resume();
            }
            Poll.until(WAIT, "the new master sees its old master as a replica",
                    () -> view(replica).node(masterId).map(ClusterNode::isReplica).orElse(false));
            boolean faulty = keepsTheMark(replica);
            assertEquals(!faulty, replica.myself().slots().contains(slot),
                    "the new master's own view of slot " + slot + " before trib looks");

            Optional<FailoverOperation.Reclaimed> reclaimed = operation.awaitTakenOver(s, p, claim, keysBefore, WAIT);

            assertEquals(faulty ? SlotSet.of(slot) : SlotSet.EMPTY,
                    reclaimed.map(FailoverOperation.Reclaimed::slots).orElse(SlotSet.EMPTY));
            // Redis deleted the keys of the slot it dropped: the warning says so, with how many.
            long left = (Long) replica.call("CLUSTER", "COUNTKEYSINSLOT", Integer.toString(slot));
            assertEquals(faulty ? 0 : 3, left);
            reclaimed.ifPresent(r -> assertEquals(replica.address() + " lost slot(s) " + slot + " of its old master "
                    + "in its own view after taking over (a fault of Redis 7.0.13 to 7.2.3); given back with CLUSTER "
                    + "SETSLOT NODE, but Redis had deleted their keys: 3 fewer than before the failover (its old "
                    + "master resyncs from it, so restore them from a backup).", r.warning()));
            assertEquals(claim, replica.myself().slots());
            for (RedisNode n : c.nodes()) {
                Optional<String> owner = view(n).ownerOf(slot);
                assertEquals(Optional.of(replica.myId()), owner, n + " on slot " + slot);
            }
            assertEquals(Optional.of(replica.myId()), master.myself().masterId());
        }
    }
}
