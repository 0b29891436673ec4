package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeCommandException;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeFlag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers a {@link ClusterSnapshot}: asks the entry node whom it knows, then every one of them at once for its own
 * view, CLUSTER INFO and key count (and INFO, for watch). Nodes that cannot be reached are kept in the snapshot
 * with the reason.
 */
public final class ClusterLoader {
    private final NodeConnector connector;

    public ClusterLoader(NodeConnector connector) {
        this.connector = connector;
    }

    /**
     * @throws NodeAccessException        when the entry node cannot be reached
     * @throws OperationRefusedException  when the entry node is not cluster-enabled
     */
    public ClusterSnapshot load(HostAndPort entry) {
        return gather(entry, false).snapshot();
    }

    /** A snapshot, and INFO's fields (default sections) of each node that gave them, by the address asked. */
    public record WithInfo(ClusterSnapshot snapshot, Map<HostAndPort, Map<String, String>> info) {
    }

    /** As {@link #load}, with INFO asked in the same round trip to each node: watch's figures. */
    public WithInfo loadWithInfo(HostAndPort entry) {
        return gather(entry, true);
    }

    private WithInfo gather(HostAndPort entry, boolean withInfo) {
        Reached entryReached = report(entry, withInfo);
        ClusterView entryView = entryReached.report().view().orElseThrow();
        List<ClusterNode> others = others(entryView);
        List<Parallel.Outcome<ClusterNode, Reached>> outcomes = Parallel.map(others,
                n -> report(n.hostAndPort(), withInfo));
        List<NodeReport> reports = new ArrayList<>();
        Map<HostAndPort, Map<String, String>> info = new HashMap<>();
        entryReached.addTo(reports, info);
        for (var o : outcomes) {
            if (o.ok()) {
                o.value().addTo(reports, info);
            } else {
                String reason = o.error() instanceof NodeAccessException a ? a.reason() : o.error().getMessage();
                reports.add(NodeReport.unreachable(o.input().hostAndPort(), o.input(), reason));
            }
        }
        return new WithInfo(new ClusterSnapshot(entry, reports), Map.copyOf(info));
    }

    /**
     * A snapshot made of reads already taken (each node's CLUSTER NODES, CLUSTER INFO and DBSIZE, by the address
     * it was read at), ordered as {@link #load} orders it; empty when the entry's view names a node not read.
     */
    public static Optional<ClusterSnapshot> snapshotOf(HostAndPort entry, Map<HostAndPort, NodeClient.State> reads) {
        NodeClient.State entryRead = reads.get(entry);
        if (entryRead == null) {
            return Optional.empty();
        }
        List<NodeReport> reports = new ArrayList<>();
        reports.add(reached(entry, entryRead));
        for (ClusterNode n : others(entryRead.view())) {
            NodeClient.State read = reads.get(n.hostAndPort());
            if (read == null) {
                return Optional.empty();
            }
            reports.add(reached(n.hostAndPort(), read));
        }
        return Optional.of(new ClusterSnapshot(entry, reports));
    }

    /** The nodes a snapshot reads besides the entry: all it knows, in its order, but handshakes and no-address. */
    private static List<ClusterNode> others(ClusterView entryView) {
        return entryView.nodes().stream()
                .filter(n -> !n.isMyself() && !n.is(NodeFlag.HANDSHAKE) && !n.is(NodeFlag.NOADDR)
                        && n.address().hasIp())
                .toList();
    }

    /** A node's report, and its INFO fields when asked for and given (empty otherwise). */
    private record Reached(NodeReport report, Map<String, String> info) {
        void addTo(List<NodeReport> reports, Map<HostAndPort, Map<String, String>> byAddress) {
            reports.add(report);
            if (!info.isEmpty()) {
                byAddress.put(report.address(), info);
            }
        }
    }

    /**
     * Asks one node. A connection this connector already had may have died since (node restarted): then one
     * fresh connection is tried, so the reason reported is today's ("connection refused"), not a stale one.
     */
    private Reached report(HostAndPort address, boolean withInfo) {
        NodeClient client = connector.connect(address);
        try {
            return report(client, withInfo);
        } catch (NodeAccessException e) {
            NodeClient fresh = connector.connect(address);
            if (fresh == client) {
                throw e;
            }
            return report(fresh, withInfo);
        }
    }

    private static Reached report(NodeClient client, boolean withInfo) {
        NodeClient.State state;
        try {
            state = client.state(withInfo);
        } catch (NodeCommandException e) {
            if (e.clusterDisabled()) {
                throw new OperationRefusedException(client.address() + " is not a cluster node (cluster-enabled no)");
            }
            throw e;
        }
        return new Reached(reached(client.address(), state), state.info());
    }

    private static NodeReport reached(HostAndPort address, NodeClient.State read) {
        return NodeReport.reached(address, read.view(), read.clusterInfo(), read.keys());
    }
}
