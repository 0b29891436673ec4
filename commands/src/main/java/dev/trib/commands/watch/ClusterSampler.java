package dev.trib.commands.watch;

import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;

import java.util.HashMap;
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

    /**
     * Reads every node in parallel, INFO in the same round trip as its view; a node that does not answer is shown
     * as such, it does not stop the view.
     */
    public Sample sample(HostAndPort entry) {
        ClusterLoader.WithInfo loaded = new ClusterLoader(connector).loadWithInfo(entry);
        Map<String, NodeStats> stats = new HashMap<>();
        for (NodeReport n : loaded.snapshot().reachable()) {
            Map<String, String> info = loaded.info().get(n.address());
            if (info != null) {
                Optional<Long> ops = Optional.ofNullable(info.get("instantaneous_ops_per_sec")).map(Long::parseLong);
                stats.put(n.id(), new NodeStats(ops, Optional.ofNullable(info.get("used_memory_human"))));
            }
        }
        return new Sample(loaded.snapshot(), stats);
    }
}
