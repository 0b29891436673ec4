package dev.trib.commands.ops;

import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusterWaitsTest {
    private static final String A = "aaaa000000000000000000000000000000000000";
    private static final String B = "bbbb000000000000000000000000000000000000";
    private static final String C = "cccc000000000000000000000000000000000000";

    /** The masters' own claims after slots 0-99 moved from A to B. */
    private static List<ClusterNode> claims() {
        Map<String, ClusterNode> out = new LinkedHashMap<>();
        out.put(A, NodesParser.parse(A + " 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 100-8191\n")
                .myself().orElseThrow());
        out.put(B, NodesParser.parse(B + " 127.0.0.1:7001@17001 myself,master - 0 0 3 connected 0-99 8192-16383\n")
                .myself().orElseThrow());
        return List.copyOf(out.values());
    }

    @Test
    void aReplicaThatStillSeesTheOldOwnerIsWrongAboutBothMasters() {
        ClusterView replica = NodesParser.parse(""
                + A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 0-8191\n"
                + B + " 127.0.0.1:7001@17001 master - 0 0 2 connected 8192-16383\n"
                + C + " 127.0.0.1:7002@17002 myself,slave " + A + " 0 0 1 connected\n");
        assertEquals(Set.of(A, B), new HashSet<>(ClusterWaits.wrongAbout(replica, claims())));
    }

    @Test
    void aNodeThatHasHeardTheNewOwnerIsWrongAboutNobody() {
        ClusterView replica = NodesParser.parse(""
                + A + " 127.0.0.1:7000@17000 master - 0 0 1 connected 100-8191\n"
                + B + " 127.0.0.1:7001@17001 master - 0 0 3 connected 0-99 8192-16383\n"
                + C + " 127.0.0.1:7002@17002 myself,slave " + A + " 0 0 1 connected\n");
        assertEquals(List.of(), ClusterWaits.wrongAbout(replica, claims()));
    }

    @Test
    void aMasterIsNeverWrongAboutItself() {
        ClusterView a = NodesParser.parse(""
                + A + " 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 100-8191\n"
                + B + " 127.0.0.1:7001@17001 master - 0 0 3 connected 0-99 8192-16383\n");
        assertEquals(List.of(), ClusterWaits.wrongAbout(a, claims()));
        ClusterView unheard = NodesParser.parse(""
                + A + " 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 100-8191\n");
        assertEquals(List.of(B), ClusterWaits.wrongAbout(unheard, claims()));
    }
}
