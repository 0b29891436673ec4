package dev.trib.planner.check;

import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a snapshot says about its nodes beyond what each reported. */
class ClusterSnapshotTest {
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String D = "d".repeat(40);
    private static final String P = "e".repeat(40);

    private static final String VIEW_OF_A = String.join("\n",
            A + " 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-16383",
            B + " 127.0.0.1:7001@17001 slave " + A + " 0 0 1 connected",
            D + " 127.0.0.1:7002@17002 slave,fail " + A + " 0 0 1 disconnected",
            P + " 127.0.0.1:7003@17003 slave,fail? " + A + " 0 0 1 disconnected", "");
    private static final String VIEW_OF_B = VIEW_OF_A.replace("myself,master", "master")
            .replace(" slave " + A, " myself,slave " + A);

    private static ClusterSnapshot snapshot() {
        var viewA = NodesParser.parse(VIEW_OF_A);
        var viewB = NodesParser.parse(VIEW_OF_B);
        return new ClusterSnapshot(new HostAndPort("127.0.0.1", 7000), List.of(
                NodeReport.reached(new HostAndPort("127.0.0.1", 7000), viewA, Map.of(), 0),
                NodeReport.reached(new HostAndPort("127.0.0.1", 7001), viewB, Map.of(), 0),
                NodeReport.unreachable(new HostAndPort("127.0.0.1", 7002), viewA.node(D).orElseThrow(), "refused"),
                NodeReport.unreachable(new HostAndPort("127.0.0.1", 7003), viewA.node(P).orElseThrow(), "refused")));
    }

    @Test
    void anUnreachableNodeFlaggedFailIsKnownDead() {
        assertTrue(snapshot().knownDead(D));
    }

    @Test
    void aSuspicionOrAReachableNodeIsNot() {
        ClusterSnapshot s = snapshot();
        assertFalse(s.knownDead(P), "fail? is one node's suspicion, not the cluster's verdict");
        assertFalse(s.knownDead(A));
        assertFalse(s.knownDead(B));
        assertFalse(s.knownDead("f".repeat(40)));
    }
}
