package dev.trib.planner.topology;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.trib.planner.topology.NodesFixtures.CAECA;
import static dev.trib.planner.topology.NodesFixtures.N24CB;
import static dev.trib.planner.topology.NodesFixtures.N28D5;
import static dev.trib.planner.topology.NodesFixtures.N2AA2;
import static dev.trib.planner.topology.NodesFixtures.N5433;
import static dev.trib.planner.topology.NodesFixtures.N8D20;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterViewTest {
    private final ClusterView delslots = NodesFixtures.view("delslots-hostname");

    @Test
    void mastersInOutputOrder() {
        assertEquals(List.of(N5433, N8D20, CAECA), ids(delslots.masters()));
    }

    @Test
    void replicasOfEachMasterIncludingFailedOnes() {
        assertEquals(List.of(N28D5), ids(delslots.replicasOf(CAECA)));
        assertEquals(List.of(N2AA2), ids(delslots.replicasOf(N5433)));
        assertEquals(List.of(N24CB), ids(delslots.replicasOf(N8D20)));
        assertEquals(List.of(), delslots.replicasOf(N28D5));
    }

    @Test
    void myselfAndLookupById() {
        assertEquals(N8D20, delslots.myself().orElseThrow().id());
        assertEquals(Optional.empty(), delslots.node("0000"));
        assertEquals("127.0.0.1", delslots.node(CAECA).orElseThrow().address().ip());
    }

    @Test
    void ownerOfSlots() {
        assertEquals(Optional.of(CAECA), delslots.ownerOf(0));
        assertEquals(Optional.of(CAECA), delslots.ownerOf(5460));
        assertEquals(Optional.of(N5433), delslots.ownerOf(5461));
        assertEquals(Optional.of(N8D20), delslots.ownerOf(16383));
        assertEquals(Optional.empty(), delslots.ownerOf(16000));
        assertThrows(IllegalArgumentException.class, () -> delslots.ownerOf(16384));
        assertThrows(IllegalArgumentException.class, () -> delslots.ownerOf(-1));
    }

    @Test
    void uncoveredSlots() {
        assertEquals("16000-16001,16005", delslots.uncoveredSlots().toString());
        assertTrue(NodesFixtures.view("importing").uncoveredSlots().isEmpty());
        assertEquals("0,4-6,8-16383", NodesFixtures.view("ipv6-joined").uncoveredSlots().toString());
    }

    @Test
    void slotSignatureListsOwnersSortedById() {
        assertEquals(N5433 + ":5461-10922|" + N8D20 + ":10923-16383|" + CAECA + ":0-5460",
                NodesFixtures.view("importing").slotSignature().toString());
    }

    @Test
    void viewsThatAgreeHaveEqualSignatures() {
        // Different observers, line order, open-slot markers and failure flags: same slot ownership.
        assertEquals(NodesFixtures.view("importing").slotSignature(),
                NodesFixtures.view("open-slot-and-failed-replica").slotSignature());
    }

    @Test
    void viewsThatDisagreeHaveDifferentSignatures() {
        assertNotEquals(NodesFixtures.view("importing").slotSignature(), delslots.slotSignature());
        assertNotEquals(NodesFixtures.view("ipv6-joined").slotSignature(), NodesFixtures.view("importing").slotSignature());
    }

    private static List<String> ids(List<ClusterNode> nodes) {
        return nodes.stream().map(ClusterNode::id).toList();
    }
}
