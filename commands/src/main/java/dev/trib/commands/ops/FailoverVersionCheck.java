package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.ServerVersion;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a failover toward a newer server leaves behind. After a promotion the old master and the shard's other
 * replicas replicate the promoted node; one whose server is older cannot load its data (a 6.2 node and a 7.0
 * master), so it stays out of sync. That is the normal middle of a rolling upgrade, so the failover proceeds, but
 * each such node is named with what to run: {@code trib replace OLD NEW} swaps it for a node of a newer server.
 */
public final class FailoverVersionCheck {
    private FailoverVersionCheck() {
    }

    /** One line per node that cannot replicate its new master; empty when versions allow every sync. */
    public static List<String> warnings(NodeConnector connector, ClusterSnapshot s,
                                        List<FailoverOperation.Promotion> promotions) {
        Map<String, NodeReport> asked = new LinkedHashMap<>();
        for (FailoverOperation.Promotion p : promotions) {
            asked.put(p.replica().id(), p.replica());
            followers(s, p).forEach(n -> asked.put(n.id(), n));
        }
        Map<String, ServerVersion> versions = new HashMap<>();
        for (var o : Parallel.map(List.copyOf(asked.values()), n -> connector.connect(n.address()).serverVersion())) {
            if (o.ok()) {
                versions.put(o.input().id(), o.value());
            }
        }
        List<String> out = new ArrayList<>();
        for (FailoverOperation.Promotion p : promotions) {
            ServerVersion promoted = versions.get(p.replica().id());
            if (promoted == null) {
                continue;
            }
            for (NodeReport n : followers(s, p)) {
                ServerVersion v = versions.get(n.id());
                if (v != null && !v.readsDataOf(promoted)) {
                    out.add(n.address() + " (Redis " + v + ") cannot replicate from " + p.replica().address()
                            + " (Redis " + promoted + ") once it is the master: its RDB format " + promoted
                            .rdbVersion() + " is newer than the " + v.rdbVersion() + " " + n.address() + " reads. "
                            + "Replace it with a node of Redis " + promoted + " or newer: trib replace "
                            + n.address() + " NEW");
                }
            }
        }
        return out;
    }

    /** The nodes that replicate the promoted replica afterwards: the old master and its other replicas, reachable. */
    private static List<NodeReport> followers(ClusterSnapshot s, FailoverOperation.Promotion p) {
        List<NodeReport> out = new ArrayList<>();
        if (p.master().reachable()) {
            out.add(p.master());
        }
        for (NodeReport r : s.replicasOf(p.master().id())) {
            if (r.reachable() && !r.id().equals(p.replica().id())) {
                out.add(r);
            }
        }
        return out;
    }
}
