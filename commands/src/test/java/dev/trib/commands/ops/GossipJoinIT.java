package dev.trib.commands.ops;

import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.SlotSet;
import dev.trib.planner.topology.SlotSignature;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The hub join (used from {@link GossipJoin#ONE_HUB_FROM} nodes) and the per-node wait that follows it, on a few
 * real nodes: gossip completes the mesh, each replica is attached, and every node ends up seeing the planned slots
 * and reporting cluster_state:ok.
 */
class GossipJoinIT {

    @Test
    void nodesThatMeetOnlyTheHubJoinAndEachIsFollowedUntilDone() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.start(8, List.of("127.0.0.1", "127.0.0.2"));
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            List<GossipJoin.Member> members = members(c, connector);
            GossipJoin.Target target = hubJoined(members);
            GossipJoin.awaitJoined(target, Duration.ofSeconds(90));

            assertEveryNodeSeesThePlan(target);
            for (GossipJoin.Member m : members) {
                assertEquals("8", m.client().clusterInfo().get("cluster_known_nodes"), m.toString());
                for (ClusterNode n : m.client().clusterView().nodes()) {
                    assertFalse(n.is(NodeFlag.HANDSHAKE), n.toString());
                }
            }
        }
    }

    /**
     * On 250 nodes sharing 2 cores, masters missed the node timeout while the mesh formed and their replicas won
     * automatic failovers: the wait for the planned slots then never ended. Here a replica takes over by hand
     * (TAKEOVER: at once, as an automatic failover's outcome); the wait must make the planned master master again
     * and say so.
     */
    @Test
    void aPlannedMasterThatItsReplicaTookOverIsMadeMasterAgain() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.start(6, List.of("127.0.0.1", "127.0.0.2"));
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            List<GossipJoin.Member> members = members(c, connector);
            GossipJoin.Target target = hubJoined(members);
            assertEquals(List.of(), GossipJoin.awaitJoined(target, Duration.ofSeconds(90)).failedBack());

            GossipJoin.Member master = members.get(0);
            GossipJoin.Member replica = members.get(3);
            assertEquals(Optional.empty(), replica.client().one(b -> b.failover(Optional.of("TAKEOVER"))).error());
            Waits.until(Duration.ofSeconds(30), Duration.ofMillis(50), () -> master.client().clusterView().myself()
                    .orElseThrow().masterId().equals(Optional.of(replica.id())) ? Optional.empty()
                    : Optional.of(master + " is not a replica of " + replica + " yet"));

            GossipJoin.Joined joined = GossipJoin.awaitJoined(target, Duration.ofSeconds(90));
            assertEquals(List.of(new GossipJoin.FailedBack(master, replica)), joined.failedBack());
            assertEquals(master.ip() + ":" + master.port() + " missed the node timeout during the join and its "
                    + "replica " + replica.ip() + ":" + replica.port() + " took over (an automatic failover, seen on "
                    + "machines too loaded for their nodes); it was made master again, as planned.",
                    joined.failedBack().get(0).warning());
            assertEveryNodeSeesThePlan(target);
        }
    }

    @Test
    void aNodeThatCannotJoinIsNamedWhenTimeRunsOut() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.start(3, List.of("127.0.0.1"));
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            List<GossipJoin.Member> members = members(c, connector);
            // No MEET at all: nobody learns of anybody, and the wait says so for each node.
            Waits.WaitTimeoutException e = assertThrows(
                    Waits.WaitTimeoutException.class, () -> GossipJoin.awaitJoined(new GossipJoin.Target(
                            members, Map.of(members.get(0).id(), SlotSet.ALL), Map.of(), true),
                            Duration.ofMillis(600)));
            assertEquals("Gave up after 600 ms: 3 of 3 nodes have not joined yet: "
                    + members.get(0).ip() + ":" + members.get(0).port() + " knows 1 of 3 nodes; "
                    + members.get(1).ip() + ":" + members.get(1).port() + " knows 1 of 3 nodes; "
                    + members.get(2).ip() + ":" + members.get(2).port() + " knows 1 of 3 nodes", e.getMessage());
        }
    }

    /**
     * The first half of the members are masters with an even share of the slots each, member half+i replicates
     * member i; each node gets its own config epoch, and all meet through the hub (every size from 2 up).
     */
    private static GossipJoin.Target hubJoined(List<GossipJoin.Member> members) {
        int masters = members.size() / 2;
        Map<String, SlotSet> slotsOf = new HashMap<>();
        Map<String, String> masterOf = new HashMap<>();
        for (int i = 0; i < masters; i++) {
            SlotSet slots = SlotSet.range(i * 16384 / masters, (i + 1) * 16384 / masters - 1);
            members.get(i).client().addSlots(slots);
            slotsOf.put(members.get(i).id(), slots);
            masterOf.put(members.get(i + masters).id(), members.get(i).id());
        }
        for (int i = 0; i < members.size(); i++) {
            members.get(i).client().setConfigEpoch(i + 1L);
        }
        GossipJoin.meet(members, 2);
        return new GossipJoin.Target(members, slotsOf, masterOf, true);
    }

    /** Every node reports cluster_state:ok, sees the planned slot owners and (a replica) replicates its master. */
    private static void assertEveryNodeSeesThePlan(GossipJoin.Target target) {
        SlotSignature planned = new SlotSignature(target.slotsOf());
        for (GossipJoin.Member m : target.members()) {
            assertEquals("ok", m.client().clusterInfo().get("cluster_state"), m.toString());
            ClusterView v = m.client().clusterView();
            assertEquals(planned, v.slotSignature(), m.toString());
            assertEquals(Optional.ofNullable(target.masterOf().get(m.id())), v.myself().orElseThrow().masterId(),
                    m.toString());
        }
    }

    private static List<GossipJoin.Member> members(TestCluster c, NodeConnector connector) {
        return c.nodes().stream().map(r -> {
            NodeClient client = connector.connect(r.address());
            ClusterNode self = client.clusterView().myself().orElseThrow();
            return new GossipJoin.Member(client, self.id(), r.ip(), r.port(), self.address().clusterPort());
        }).toList();
    }
}
