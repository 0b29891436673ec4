package dev.trib.planner.alloc;

import dev.trib.planner.alloc.SourceEpochs.Lag;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A source is settled once its epoch can neither rise (a collision) nor be undercut by a target's claim. */
class SourceEpochsTest {
    private static final String S = "5".repeat(40);
    private static final String T = "7".repeat(40);
    private static final String U = "8".repeat(40);
    private static final String O = "9".repeat(40);
    private static final String R = "1".repeat(40);

    /** Masters S (slots 0-1), T, U, O at 127.0.0.1:7000-7003 with these config epochs, and R, a replica of O. */
    private static Map<String, Long> epochs(long s, long t, long u, long o) {
        Map<String, Long> e = new LinkedHashMap<>();
        e.put(S, s);
        e.put(T, t);
        e.put(U, u);
        e.put(O, o);
        return e;
    }

    /**
     * Each master's CLUSTER NODES and current epoch (by default the highest config epoch); {@code seenOfS} gives
     * the epoch some masters still see S at.
     */
    private static ClusterSnapshot snapshot(Map<String, Long> epochs, Map<String, Long> currentEpochs,
                                            Map<String, Long> seenOfS) {
        List<NodeReport> reports = new ArrayList<>();
        List<String> ids = List.copyOf(epochs.keySet());
        for (int i = 0; i < ids.size(); i++) {
            String me = ids.get(i);
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < ids.size(); j++) {
                String id = ids.get(j);
                long epoch = id.equals(S) ? seenOfS.getOrDefault(me, epochs.get(S)) : epochs.get(id);
                text.append(id).append(" 127.0.0.1:").append(7000 + j).append('@').append(17000 + j)
                        .append(id.equals(me) ? " myself,master" : " master").append(" - 0 0 ").append(epoch)
                        .append(" connected").append(id.equals(S) ? " 0-1" : "").append('\n');
            }
            text.append(R).append(" 127.0.0.1:7009@17009 slave ").append(O).append(" 0 0 ").append(epochs.get(O))
                    .append(" connected\n");
            long current = currentEpochs.getOrDefault(me, epochs.values().stream().mapToLong(Long::longValue).max()
                    .orElseThrow());
            reports.add(NodeReport.reached(new HostAndPort("127.0.0.1", 7000 + i), NodesParser.parse(text.toString()),
                    Map.of("cluster_current_epoch", Long.toString(current)), 0));
        }
        return new ClusterSnapshot(new HostAndPort("127.0.0.1", 7000), reports);
    }

    /** A drain of S: one slot to T, one to U. */
    private static final List<SlotMove> DRAIN = List.of(new SlotMove(0, S, T), new SlotMove(1, S, U));

    private static List<Lag> unsettled(ClusterSnapshot s) {
        return SourceEpochs.unsettled(s, DRAIN);
    }

    @Test
    void aSourceWithAnEpochOfItsOwnThatEveryMasterKnowsIsSettled() {
        assertEquals(List.of(), unsettled(snapshot(epochs(5, 7, 3, 9), Map.of(), Map.of())));
        // A source with the highest epoch of all is settled too: every bump lands above it.
        assertEquals(List.of(), unsettled(snapshot(epochs(9, 7, 3, 5), Map.of(), Map.of())));
    }

    @Test
    void aSourceThatSharesItsEpochWithAnotherMasterIsNot() {
        assertEquals(List.of(new Lag(S, O, "127.0.0.1:7000 (epoch 5) shares its epoch with 127.0.0.1:7003")),
                unsettled(snapshot(epochs(5, 7, 3, 5), Map.of(), Map.of())));
    }

    @Test
    void aMasterThatCountsALowerEpochOrSeesAnOlderOneMakesItUnsettled() {
        // U counts 4: its next bump would take 5, S's own.
        assertEquals(List.of(new Lag(S, U, "127.0.0.1:7002 counts epoch 4, below 127.0.0.1:7000 (epoch 5)")),
                unsettled(snapshot(epochs(5, 7, 3, 9), Map.of(U, 4L), Map.of())));
        // T, a target, still sees S at 2: a target whose own epoch is the highest it knows claims with it unbumped,
        // which can be below S's.
        assertEquals(List.of(new Lag(S, T, "127.0.0.1:7001 sees 127.0.0.1:7000 (epoch 5) at epoch 2")),
                unsettled(snapshot(epochs(5, 7, 3, 9), Map.of(), Map.of(T, 2L))));
        // O, no target of S, may see an older epoch: it claims none of S's slots.
        assertEquals(List.of(), unsettled(snapshot(epochs(5, 7, 3, 9), Map.of(), Map.of(O, 2L))));
    }

    @Test
    void aMasterNoPartyToTheMovesMayLagUnlessItIsInACollisionItself() {
        // O takes no epoch during the drain: a lower current epoch does not matter.
        assertEquals(List.of(), unsettled(snapshot(epochs(5, 7, 3, 9), Map.of(O, 4L), Map.of())));
        // O shares 7 with T: one of the two takes its current epoch + 1, which from 4 would be S's 5.
        assertEquals(List.of(new Lag(S, O, "127.0.0.1:7003 counts epoch 4, below 127.0.0.1:7000 (epoch 5)")),
                unsettled(snapshot(epochs(5, 7, 3, 7), Map.of(O, 4L), Map.of())));
    }

    @Test
    void everyLaggingMasterIsNamedSoThatAllAreNudgedAtOnce() {
        assertEquals(List.of(new Lag(S, T, "127.0.0.1:7001 sees 127.0.0.1:7000 (epoch 5) at epoch 2"),
                        new Lag(S, U, "127.0.0.1:7002 counts epoch 4, below 127.0.0.1:7000 (epoch 5)")),
                unsettled(snapshot(epochs(5, 7, 3, 9), Map.of(U, 4L), Map.of(T, 2L))));
    }

    @Test
    void anUnreachableMasterIsLeftOutAndAnUnreachableSourceIsLeftToTheMove() {
        ClusterSnapshot s = snapshot(epochs(5, 7, 3, 9), Map.of(U, 4L), Map.of());
        List<NodeReport> nodes = new ArrayList<>(s.nodes());
        nodes.set(2, NodeReport.unreachable(nodes.get(2).address(), nodes.get(2).self(), "connection refused"));
        assertEquals(List.of(), unsettled(new ClusterSnapshot(s.entry(), nodes)));
        ClusterSnapshot shared = snapshot(epochs(5, 7, 3, 5), Map.of(), Map.of());
        List<NodeReport> sourceDown = new ArrayList<>(shared.nodes());
        sourceDown.set(0, NodeReport.unreachable(sourceDown.get(0).address(), sourceDown.get(0).self(), "refused"));
        assertEquals(List.of(), unsettled(new ClusterSnapshot(shared.entry(), sourceDown)));
    }

    @Test
    void onlySourcesThatAreNoTargetMayBeClosedTogether() {
        assertEquals(Set.of(S), SourceEpochs.closableTogether(List.of(new SlotMove(0, S, T), new SlotMove(1, S, U))));
        assertEquals(Set.of(O), SourceEpochs.closableTogether(List.of(new SlotMove(0, S, T), new SlotMove(5, O, S))));
    }
}
