package dev.trib.commands.watch;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One look at the whole cluster for {@code trib watch}: the snapshot plus each node's load and memory. */
public final class ClusterSampler {
    private final NodeConnector connector;

    public ClusterSampler(NodeConnector connector) {
        this.connector = connector;
    }

    /** What INFO says of one node; absent numbers stay empty. */
    public record NodeStats(Optional<Long> opsPerSecond, Optional<String> memory) {
        public static final NodeStats UNKNOWN = new NodeStats(Optional.empty(), Optional.empty());
    }

    /** @param stats by node id, for the nodes that answered INFO */
    public record Sample(ClusterSnapshot snapshot, Map<String, NodeStats> stats) {
        public NodeStats of(String id) {
            return stats.getOrDefault(id, NodeStats.UNKNOWN);
        }
    }

    /** Reads every node in parallel; a node that does not answer is shown as such, it does not stop the view. */
    public Sample sample(HostAndPort entry) {
        ClusterSnapshot snapshot = new ClusterLoader(connector).load(entry);
        List<NodeReport> reachable = snapshot.reachable();
        Map<String, NodeStats> stats = new HashMap<>();
        for (var o : Parallel.map(reachable, n -> connector.connect(n.address()).info("default"))) {
            if (o.ok()) {
                Map<String, String> info = o.value();
                Optional<Long> ops = Optional.ofNullable(info.get("instantaneous_ops_per_sec")).map(Long::parseLong);
                stats.put(o.input().id(), new NodeStats(ops, Optional.ofNullable(info.get("used_memory_human"))));
            }
        }
        return new Sample(snapshot, stats);
    }
}
