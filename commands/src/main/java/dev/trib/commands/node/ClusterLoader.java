package dev.trib.commands.node;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeFlag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gathers a {@link ClusterSnapshot}: asks the entry node whom it knows, then every one of them at once for its own
 * view, CLUSTER INFO and key count. Nodes that cannot be reached are kept in the snapshot with the reason.
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
        NodeClient entryClient = connector.connect(entry);
        NodeReport entryReport = report(entryClient);
        ClusterView entryView = entryReport.view().orElseThrow();
        List<ClusterNode> others = entryView.nodes().stream()
                .filter(n -> !n.isMyself() && !n.is(NodeFlag.HANDSHAKE) && !n.is(NodeFlag.NOADDR)
                        && n.address().hasIp())
                .toList();
        Map<HostAndPort, NodeConnector.Result> connections =
                connector.connectAll(others.stream().map(ClusterNode::hostAndPort).toList());
        List<Parallel.Outcome<ClusterNode, NodeReport>> outcomes = Parallel.map(others, n -> {
            NodeConnector.Result r = connections.get(n.hostAndPort());
            if (!r.ok()) {
                return NodeReport.unreachable(n.hostAndPort(), n, r.failure().reason());
            }
            return report(r.client());
        });
        List<NodeReport> reports = new ArrayList<>();
        reports.add(entryReport);
        for (var o : outcomes) {
            if (o.ok()) {
                reports.add(o.value());
            } else {
                String reason = o.error() instanceof NodeAccessException a ? a.reason() : o.error().getMessage();
                reports.add(NodeReport.unreachable(o.input().hostAndPort(), o.input(), reason));
            }
        }
        return new ClusterSnapshot(entry, reports);
    }

    private static NodeReport report(NodeClient client) {
        ClusterView view;
        try {
            view = client.clusterView();
        } catch (NodeCommandException e) {
            if (e.reply().contains("cluster support disabled")) {
                throw new OperationRefusedException(client.address() + " is not a cluster node (cluster-enabled no)");
            }
            throw e;
        }
        Map<String, String> info = client.clusterInfo();
        long keys = client.dbSize();
        return NodeReport.reached(client.address(), view, info, keys);
    }
}
