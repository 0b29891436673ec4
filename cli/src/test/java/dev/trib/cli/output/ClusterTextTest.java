package dev.trib.cli.output;

import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterChecker;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterTextTest {
    /** A healthy cluster of {@code masters} masters with a replica each, every node seeing the same lines. */
    private static ClusterSnapshot cluster(int masters) {
        List<String> lines = new ArrayList<>();
        int per = KeySlots.COUNT / masters;
        for (int m = 0; m < masters; m++) {
            int end = m == masters - 1 ? KeySlots.MAX : (m + 1) * per - 1;
            lines.add(id('m', m) + " 127.0.0.1:" + (7000 + m) + "@" + (17000 + m) + " %smaster - 0 0 " + (m + 1)
                    + " connected " + (m * per) + "-" + end);
            lines.add(id('r', m) + " 127.0.0.1:" + (8000 + m) + "@" + (18000 + m) + " %sslave " + id('m', m)
                    + " 0 0 " + (m + 1) + " connected");
        }
        List<NodeReport> nodes = new ArrayList<>();
        for (int me = 0; me < lines.size(); me++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                text.append(String.format(lines.get(i), i == me ? "myself," : "")).append('\n');
            }
            int port = (me % 2 == 0 ? 7000 : 8000) + me / 2;
            nodes.add(NodeReport.reached(new HostAndPort("127.0.0.1", port), NodesParser.parse(text.toString()),
                    Map.of("cluster_state", "ok"), 0));
        }
        return new ClusterSnapshot(new HostAndPort("127.0.0.1", 7000), nodes);
    }

    private static String id(char c, int i) {
        return String.format("%c%039d", c, i).replace(' ', '0');
    }

    private static List<String> printed(java.util.function.Consumer<Printer> print) {
        StringWriter out = new StringWriter();
        print.accept(new Printer(new PrintWriter(out, true), false, false));
        return out.toString().lines().toList();
    }

    @Test
    void afterAChangeALargeClusterIsOneSummaryLineThenTheFindings() {
        CheckReport report = ClusterChecker.check(cluster(15), false);
        List<String> lines = printed(p -> ClusterText.checkAfterChange(p, report));
        assertEquals(List.of(
                ">>> Performing Cluster Check (using node 127.0.0.1:7000)",
                "   30 nodes: 15 masters serving 16384 slots, 15 replicas ('trib check 127.0.0.1:7000' lists them)",
                "[OK] All nodes agree about slots configuration.",
                ">>> Check for open slots...",
                ">>> Check slots coverage...",
                "[OK] All 16384 slots covered.",
                ">>> Check nodes health...",
                "[OK] All 30 nodes reachable and healthy."), lines);
    }

    @Test
    void afterAChangeASmallClusterIsListedNodeByNode() {
        CheckReport report = ClusterChecker.check(cluster(3), false);
        List<String> lines = printed(p -> ClusterText.checkAfterChange(p, report));
        assertEquals(3, lines.stream().filter(l -> l.startsWith("M: ")).count(), lines.toString());
        assertEquals(3, lines.stream().filter(l -> l.startsWith("S: ")).count(), lines.toString());
    }

    @Test
    void theCheckCommandListsEveryNodeWhateverTheSize() {
        CheckReport report = ClusterChecker.check(cluster(15), false);
        List<String> lines = printed(p -> ClusterText.check(p, report));
        assertEquals(15, lines.stream().filter(l -> l.startsWith("M: ")).count(), lines.toString());
        assertTrue(lines.contains("[OK] All 30 nodes reachable and healthy."), lines.toString());
    }
}
