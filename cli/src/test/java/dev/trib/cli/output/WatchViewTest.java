package dev.trib.cli.output;

import dev.trib.commands.watch.ClusterSampler.NodeStats;
import dev.trib.commands.watch.ClusterSampler.Sample;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchViewTest {
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String R = "c".repeat(40);

    /** Three nodes, each describing the cluster the same way but for its own myself flag. */
    private static Sample sample(boolean replicaPromoted, String extraOnA) {
        return sample(replicaPromoted, extraOnA, "0-8191");
    }

    private static Sample sample(boolean replicaPromoted, String extraOnA, String slotsOfA) {
        String aLine = A + " 127.0.0.1:7001@17001 %s" + (replicaPromoted ? "slave " + R : "master -")
                + " 0 0 1 connected" + (replicaPromoted ? "" : " " + slotsOfA + extraOnA);
        String bLine = B + " 127.0.0.1:7002@17002 %smaster - 0 0 2 connected 8192-16383";
        String rLine = R + " 127.0.0.1:7003@17003 %s" + (replicaPromoted ? "master - 0 0 3 connected 0-8191"
                : "slave " + A + " 0 0 1 connected");
        List<NodeReport> nodes = new ArrayList<>();
        String[] lines = {aLine, bLine, rLine};
        int[] ports = {7001, 7002, 7003};
        for (int me = 0; me < 3; me++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                text.append(String.format(lines[i], i == me ? "myself," : "")).append('\n');
            }
            ClusterView view = NodesParser.parse(text.toString());
            nodes.add(NodeReport.reached(new HostAndPort("127.0.0.1", ports[me]), view,
                    Map.of("cluster_state", "ok"), 10 * (me + 1)));
        }
        return new Sample(new ClusterSnapshot(new HostAndPort("127.0.0.1", 7001), nodes),
                Map.of(A, new NodeStats(Optional.of(5L), Optional.of("1.50M"))));
    }

    @Test
    void mastersThenTheirReplicasThenTheSlotBar() {
        List<String> lines = new WatchView(false).render(sample(false, ""), "127.0.0.1:7001", "12:00:00");
        assertEquals(List.of(
                "trib watch 127.0.0.1:7001 | cluster_state ok | 2 masters, 1 replicas | 12:00:00",
                "A M aaaaaaaa 127.0.0.1:7001  keys 10  ops/s 5  mem 1.50M  ok  slots 0-8191 (8192)",
                "    S cccccccc 127.0.0.1:7003  keys 30  ops/s ?  mem ?  ok",
                "B M bbbbbbbb 127.0.0.1:7002  keys 20  ops/s ?  mem ?  ok  slots 8192-16383 (8192)",
                "slots [" + "A".repeat(32) + "B".repeat(32) + "]",
                "      A 127.0.0.1:7001  B 127.0.0.1:7002  . unserved  ! open",
                "open slots: none",
                "failures: none"), lines);
    }

    @Test
    void anOpenSlotIsMarkedOnTheBarAndListed() {
        List<String> lines = new WatchView(false).render(sample(false, " [5->-" + B + "]"), "e", "t");
        assertTrue(lines.contains("slots [!" + "A".repeat(31) + "B".repeat(32) + "]"), lines.toString());
        assertTrue(lines.contains("open slots: 127.0.0.1:7001 migrating 5 (1)"), lines.toString());
    }

    @Test
    void aMasterWithScatteredSlotsGetsACountNotAThousandRanges() {
        // After a rebalance by keys: 1,204 slots in 892 runs (every other slot, then a few longer runs).
        StringBuilder slots = new StringBuilder();
        for (int i = 0; i < 890; i++) {
            slots.append(' ').append(2 * i);
        }
        slots.append(" 2000-2156 3000-3156");
        List<String> lines = new WatchView(false).render(sample(false, "", slots.toString().trim()), "e", "t");
        String a = lines.stream().filter(l -> l.startsWith("A M ")).findFirst().orElseThrow();
        assertTrue(a.endsWith("  slots 1,204 slots in 892 ranges"), a);
        assertTrue(lines.stream().allMatch(l -> l.length() < 160), lines.toString());
    }

    @Test
    void aNodeThatChangedRoleIsMarkedForSomeFrames() {
        WatchView view = new WatchView(false);
        view.render(sample(false, ""), "e", "t");
        List<String> after = view.render(sample(true, ""), "e", "t");
        assertTrue(after.contains("A M cccccccc 127.0.0.1:7003  keys 30  ops/s ?  mem ?  ok  slots 0-8191 (8192)"
                + "  (was replica)"), after.toString());
        assertTrue(after.contains("    S aaaaaaaa 127.0.0.1:7001  keys 10  ops/s 5  mem 1.50M  ok  (was master)"),
                after.toString());
        List<String> later = after;
        for (int i = 0; i < WatchView.HIGHLIGHT_FRAMES; i++) {
            later = view.render(sample(true, ""), "e", "t");
        }
        assertTrue(later.stream().noneMatch(l -> l.contains("(was ")), later.toString());
    }

    @Test
    void colourMarksTheChangeInReverseVideo() {
        WatchView view = new WatchView(true);
        view.render(sample(false, ""), "e", "t");
        assertTrue(view.render(sample(true, ""), "e", "t").stream()
                .anyMatch(l -> l.startsWith("\u001B[7m") && l.endsWith("(was replica)\u001B[0m")));
    }

    /** A snapshot from CLUSTER NODES texts; a null text makes the node unreachable with the given reason. */
    private static Sample snapshot(String entryState, String[] views, String[] reasons) {
        List<NodeReport> nodes = new ArrayList<>();
        ClusterView entryView = NodesParser.parse(views[0]);
        String[] ids = {A, B, R};
        for (int i = 0; i < views.length; i++) {
            HostAndPort address = new HostAndPort("127.0.0.1", 7001 + i);
            if (views[i] == null) {
                nodes.add(NodeReport.unreachable(address, entryView.node(ids[i]).orElseThrow(), reasons[i]));
            } else {
                nodes.add(NodeReport.reached(address, NodesParser.parse(views[i]),
                        Map.of("cluster_state", i == 0 ? entryState : "ok"), 10L * (i + 1)));
            }
        }
        return new Sample(new ClusterSnapshot(new HostAndPort("127.0.0.1", 7001), nodes), Map.of());
    }

    @Test
    void unreachableAndFailingNodesAreMarkedAndListed() {
        String entry = A + " 127.0.0.1:7001@17001 myself,master - 0 0 1 connected 0-8191\n"
                + B + " 127.0.0.1:7002@17002 master,fail? - 0 0 2 disconnected 8192-16383\n"
                + R + " 127.0.0.1:7003@17003 slave,fail " + A + " 0 0 1 disconnected\n";
        String b = A + " 127.0.0.1:7001@17001 master - 0 0 1 connected 0-8191\n"
                + B + " 127.0.0.1:7002@17002 myself,master - 0 0 2 connected 8192-16383\n"
                + R + " 127.0.0.1:7003@17003 slave " + A + " 0 0 1 connected\n";
        List<String> lines = new WatchView(false).render(snapshot("ok", new String[] {entry, b, null},
                new String[] {null, null, "connection refused"}), "127.0.0.1:7001", "t");
        assertEquals(List.of(
                "trib watch 127.0.0.1:7001 | cluster_state ok | 2 masters, 1 replicas | t",
                "A M aaaaaaaa 127.0.0.1:7001  keys 10  ops/s ?  mem ?  ok  slots 0-8191 (8192)",
                "    S cccccccc 127.0.0.1:7003  unreachable: connection refused",
                "B M bbbbbbbb 127.0.0.1:7002  keys 20  ops/s ?  mem ?  fail?  slots 8192-16383 (8192)",
                "slots [" + "A".repeat(32) + "B".repeat(32) + "]",
                "      A 127.0.0.1:7001  B 127.0.0.1:7002  . unserved  ! open",
                "open slots: none",
                "failures: 127.0.0.1:7002 flagged failing; 127.0.0.1:7003 unreachable"), lines);
    }

    @Test
    void slotsOfAnUnreachableMasterShowAsUnservedOnTheBar() {
        String entry = A + " 127.0.0.1:7001@17001 myself,master - 0 0 1 connected 0-8191\n"
                + B + " 127.0.0.1:7002@17002 master,fail - 0 0 2 disconnected 8192-16383\n";
        List<String> lines = new WatchView(false).render(snapshot("fail", new String[] {entry, null},
                new String[] {null, "timed out"}), "127.0.0.1:7001", "t");
        assertTrue(lines.get(0).contains("| cluster_state fail | 2 masters, 0 replicas |"), lines.toString());
        assertTrue(lines.contains("B M bbbbbbbb 127.0.0.1:7002  unreachable: timed out  slots 8192-16383 (8192)"),
                lines.toString());
        assertTrue(lines.contains("slots [" + "A".repeat(32) + ".".repeat(32) + "]"), lines.toString());
        assertTrue(lines.contains("failures: 127.0.0.1:7002 unreachable; cluster_state fail"), lines.toString());
    }

    @Test
    void plainTextHasNoEscapeCodesEvenForAChange() {
        WatchView view = new WatchView(false);
        view.render(sample(false, ""), "e", "t");
        assertTrue(view.render(sample(true, ""), "e", "t").stream().noneMatch(l -> l.indexOf('\u001B') >= 0));
    }
}
