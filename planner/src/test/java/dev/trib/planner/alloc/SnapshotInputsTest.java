package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Planner inputs built from a {@link ClusterSnapshot}: masters as they describe themselves, replicas left out. */
class SnapshotInputsTest {
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String C = "c".repeat(40);
    private static final String R = "d".repeat(40);

    private static NodeReport reached(int port, String selfLine, long keys) {
        return NodeReport.reached(new HostAndPort("127.0.0.1", port), NodesParser.parse(selfLine + "\n"), Map.of(),
                keys);
    }

    private static final NodeReport NODE_A = reached(7000,
            A + " 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460", 120);
    private static final NodeReport NODE_B = reached(7001,
            B + " 127.0.0.1:7001@17001 myself,master - 0 0 2 connected 5461-10922", 80);
    private static final NodeReport REPLICA = reached(7003,
            R + " 127.0.0.1:7003@17003 myself,slave " + A + " 0 0 1 connected", 120);
    private static final NodeReport NODE_C = reached(7002,
            C + " 127.0.0.1:7002@17002 myself,master - 0 0 3 connected 10923-16383", 0);

    private static final ClusterSnapshot SNAPSHOT = new ClusterSnapshot(new HostAndPort("127.0.0.1", 7000),
            List.of(NODE_A, REPLICA, NODE_B, NODE_C));

    @Test
    void mastersForReshardLeaveOutReplicas() {
        assertEquals(List.of(
                new MasterSlots(A, SlotSet.parse("0-5460")),
                new MasterSlots(B, SlotSet.parse("5461-10922")),
                new MasterSlots(C, SlotSet.parse("10923-16383"))), MasterSlots.fromSnapshot(SNAPSHOT));
    }

    @Test
    void mastersForRebalanceBySlotsTakeTheGivenWeightsAndDefaultToOne() {
        assertEquals(List.of(
                new RebalanceNode(A, SlotSet.parse("0-5460"), 1, 5461),
                new RebalanceNode(B, SlotSet.parse("5461-10922"), 0, 5462),
                new RebalanceNode(C, SlotSet.parse("10923-16383"), 1, 5461)),
                RebalanceNode.fromSnapshot(SNAPSHOT, Map.of(B, 0.0)));
    }

    @Test
    void mastersForRebalanceByKeysMeasureDbsize() {
        assertEquals(List.of(120.0, 80.0, 0.0), RebalanceNode.fromSnapshotByKeys(SNAPSHOT, Map.of()).stream()
                .map(RebalanceNode::measure).toList());
    }

    @Test
    void aWeightForAnUnknownOrReplicaNodeIsRefused() {
        PlanningException e = assertThrows(PlanningException.class,
                () -> RebalanceNode.fromSnapshot(SNAPSHOT, Map.of(R, 2.0)));
        assertEquals("A weight is given for " + R + ", which is not a master of this cluster.", e.getMessage());
    }

    @Test
    void balancingByKeysNeedsEveryMasterReached() {
        NodeReport lost = NodeReport.unreachable(new HostAndPort("127.0.0.1", 7002),
                NodesParser.parseLine(C + " 127.0.0.1:7002@17002 master,fail - 0 0 3 disconnected 10923-16383", 1),
                "connection refused");
        ClusterSnapshot snapshot = new ClusterSnapshot(new HostAndPort("127.0.0.1", 7000),
                List.of(NODE_A, NODE_B, lost));
        PlanningException e = assertThrows(PlanningException.class,
                () -> RebalanceNode.fromSnapshotByKeys(snapshot, Map.of()));
        assertEquals("Cannot balance by keys: master " + C + " (127.0.0.1:7002) could not be reached.",
                e.getMessage());
        assertEquals(3, RebalanceNode.fromSnapshot(snapshot, Map.of()).size());
    }
}
