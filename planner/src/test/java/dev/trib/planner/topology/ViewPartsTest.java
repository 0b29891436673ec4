package dev.trib.planner.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ViewPartsTest {
    private static final String A = "aaaa000000000000000000000000000000000000";
    private static final String B = "bbbb000000000000000000000000000000000000";
    private static final String C = "cccc000000000000000000000000000000000000";

    /** Two views of one cluster, as A and as C see it. */
    private static String viewOf(String self) {
        return (A + " 127.0.0.1:7000@17000 " + (self.equals(A) ? "myself," : "") + "master - 0 0 1 connected 0-99 "
                + "200\n")
                + B + " 127.0.0.2:7001@17001 master - 0 0 2 connected 100-199 201-16383\n"
                + C + " 127.0.0.3:7002@17002 " + (self.equals(C) ? "myself," : "") + "slave " + A
                + " 0 0 1 connected\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"delslots-hostname", "importing", "ipv6-handshake", "ipv6-joined",
            "open-slot-and-failed-replica"})
    void aViewParsesToTheSameNodesWithSharedParts(String fixture) {
        String text = NodesFixtures.text(fixture);
        ViewParts parts = new ViewParts();
        assertEquals(NodesParser.parse(text).nodes(), NodesParser.parse(text, parts).nodes());
        assertEquals(NodesParser.parse(text).nodes(), NodesParser.parse(text, parts).nodes(), "with the parts known");
    }

    @Test
    void twoViewsOfOneClusterShareIdsAddressesMastersSlotsAndFlags() {
        ViewParts parts = new ViewParts();
        ClusterView asA = NodesParser.parse(viewOf(A), parts);
        ClusterView asC = NodesParser.parse(viewOf(C), parts);
        for (String id : new String[] {A, B, C}) {
            ClusterNode x = asA.node(id).orElseThrow();
            ClusterNode y = asC.node(id).orElseThrow();
            assertSame(x.id(), y.id());
            assertSame(x.address(), y.address());
            assertSame(x.slots(), y.slots());
        }
        assertEquals(SlotSet.parse("0-99,200"), asA.node(A).orElseThrow().slots());
        assertSame(asA.node(B).orElseThrow().flags(), asC.node(A).orElseThrow().flags(), "master, seen by another");
        assertSame(asA.node(C).orElseThrow().masterId().orElseThrow(),
                asC.node(C).orElseThrow().masterId().orElseThrow());
        assertSame(asA.node(A).orElseThrow().id(), asC.node(C).orElseThrow().masterId().orElseThrow());
    }

    @Test
    void pastItsLimitItStartsAfreshAndStillParsesRight() {
        ViewParts parts = new ViewParts();
        for (int i = 0; i <= ViewParts.LIMIT; i++) {
            parts.id("id" + i);
        }
        ClusterView v = NodesParser.parse(viewOf(A), parts);
        assertEquals(NodesParser.parse(viewOf(A)).nodes(), v.nodes());
    }
}
