package dev.trib.commands.ops;

import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GossipJoinTest {
    private static final String A = "aaaa000000000000000000000000000000000000";
    private static final String B = "bbbb000000000000000000000000000000000000";
    private static final String C = "cccc000000000000000000000000000000000000";
    private static final String D = "dddd000000000000000000000000000000000000";
    private static final String E = "eeee000000000000000000000000000000000000";

    @Test
    void aMasterKnownOnlyThroughTheHandshakeHasNoSlotsYetAndIsBehind() {
        // C knows B (its epoch is still 0: B has never sent C a message of its own) but not yet D; A shows fewer
        // slots than planned (a claim from before its last ADDSLOTS); E is still in handshake.
        ClusterView c = NodesParser.parse(""
                + A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 0-8000\n"
                + B + " 127.0.0.1:7001@17001 master - 0 0 0 connected\n"
                + C + " 127.0.0.1:7002@17002 myself,master - 0 0 3 connected 16000-16383\n"
                + E + " 127.0.0.1:7004@17004 handshake - 0 0 0 connected\n");
        Map<String, SlotSet> planned = Map.of(A, SlotSet.range(0, 8191), B, SlotSet.range(8192, 15999),
                C, SlotSet.range(0, 0), D, SlotSet.range(16000, 16383), E, SlotSet.range(1, 1));
        assertEquals(List.of(A, B), GossipJoin.mastersBehind(c, planned));
    }

    @Test
    void aViewShowingEveryPlannedClaimLeavesNoneBehind() {
        ClusterView c = NodesParser.parse(""
                + A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 0-8191\n"
                + B + " 127.0.0.1:7001@17001 myself,slave " + A + " 0 0 2 connected\n");
        assertEquals(List.of(), GossipJoin.mastersBehind(c, Map.of(A, SlotSet.range(0, 8191))));
    }

    @Test
    void meetsGoToOnePeerPerPowerOfTwo() {
        assertEquals(List.of(1, 2, 4), GossipJoin.peersToMeet(0, 6, GossipJoin.ONE_HUB_FROM));
        assertEquals(List.of(6, 7, 0, 4), GossipJoin.peersToMeet(5, 9, GossipJoin.ONE_HUB_FROM));
        assertEquals(8, GossipJoin.peersToMeet(3, GossipJoin.ONE_HUB_FROM - 1, GossipJoin.ONE_HUB_FROM).size());
    }

    @Test
    void fromTheHubThresholdTheFirstNodeMeetsAllAndTheOthersNone() {
        int n = GossipJoin.ONE_HUB_FROM;
        List<Integer> hub = GossipJoin.peersToMeet(0, n, n);
        assertEquals(n - 1, hub.size());
        assertEquals(1, hub.get(0));
        assertEquals(n - 1, hub.get(n - 2));
        assertEquals(List.of(), GossipJoin.peersToMeet(1, n, n));
        assertEquals(List.of(), GossipJoin.peersToMeet(n - 1, n, n));
    }
}
