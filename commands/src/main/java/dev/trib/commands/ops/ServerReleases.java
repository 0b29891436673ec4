package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.alloc.MasterForReplica;
import dev.trib.planner.alloc.ServerRelease;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The servers that cluster members run, asked in parallel (INFO server once per connection), for the planner's
 * version rules: a replica only under a master whose data it can load.
 */
final class ServerReleases {
    /** Masters named in a refusal at most: the line stays readable at 250 nodes. */
    private static final int NAMED = 3;

    private ServerReleases() {
    }

    /** Id → release of each node given (all reachable). */
    static Map<String, ServerRelease> of(NodeConnector connector, List<NodeReport> nodes) {
        Map<String, ServerRelease> out = new LinkedHashMap<>();
        for (var o : Parallel.map(nodes, n -> connector.connect(n.address()).serverVersion().release())) {
            out.put(o.input().id(), o.get());
        }
        return out;
    }

    /** The candidates with the releases their servers run. */
    static List<MasterForReplica.Candidate> withReleases(NodeConnector connector, ClusterSnapshot s,
                                                         List<MasterForReplica.Candidate> candidates) {
        List<NodeReport> masters = candidates.stream().map(c -> s.node(c.id()).orElseThrow()).toList();
        return MasterForReplica.withReleases(candidates, of(connector, masters));
    }

    /** "127.0.0.1:7000 (Redis 7.0.15), … and 4 more": the masters a replica could not follow. */
    static String describe(ClusterSnapshot s, List<MasterForReplica.Candidate> masters) {
        String named = masters.stream().limit(NAMED).map(m -> s.node(m.id()).orElseThrow().address() + " ("
                + m.release() + ")").collect(Collectors.joining(", "));
        return masters.size() > NAMED ? named + " and " + (masters.size() - NAMED) + " more" : named;
    }
}
