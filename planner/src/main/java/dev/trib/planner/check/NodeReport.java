package dev.trib.planner.check;

import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What trib learned from (or about) one node of the cluster.
 *
 * @param self         the node as it describes itself (its own "myself" line) when reached, else as the entry node
 *                     describes it
 * @param view         the node's whole CLUSTER NODES view, when reached
 * @param clusterInfo  its CLUSTER INFO, when reached
 * @param keys         its DBSIZE, when reached
 * @param failure      why it could not be reached, when it could not
 */
public record NodeReport(
        HostAndPort address,
        ClusterNode self,
        Optional<ClusterView> view,
        Map<String, String> clusterInfo,
        OptionalLong keys,
        Optional<String> failure) {

    public NodeReport {
        clusterInfo = Map.copyOf(clusterInfo);
    }

    public static NodeReport reached(HostAndPort address, ClusterView view, Map<String, String> clusterInfo, long keys) {
        ClusterNode self = view.myself().orElseThrow(() ->
                new IllegalArgumentException("CLUSTER NODES of " + address + " has no myself line"));
        return new NodeReport(address, self, Optional.of(view), clusterInfo, OptionalLong.of(keys), Optional.empty());
    }

    public static NodeReport unreachable(HostAndPort address, ClusterNode asSeenByOthers, String reason) {
        return new NodeReport(address, asSeenByOthers, Optional.empty(), Map.of(), OptionalLong.empty(),
                Optional.of(reason));
    }

    public boolean reachable() {
        return failure.isEmpty();
    }

    public String id() {
        return self.id();
    }
}
