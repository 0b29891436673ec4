package dev.trib.commands.ops;

import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Finds a node by full ID or unique ID prefix, as redis-cli accepts them, with one-line refusals. */
public final class NodeIds {
    private NodeIds() {
    }

    /**
     * @param what "node" or "master": how the refusal names what was looked for
     * @throws OperationRefusedException when nothing or more than one node matches
     */
    public static NodeReport resolve(List<NodeReport> among, String idOrPrefix, String what) {
        String wanted = idOrPrefix.trim().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            throw new OperationRefusedException("Empty node ID.");
        }
        for (NodeReport n : among) {
            if (n.id().equals(wanted)) {
                return n;
            }
        }
        List<NodeReport> matches = among.stream().filter(n -> n.id().startsWith(wanted)).toList();
        if (matches.isEmpty()) {
            throw new OperationRefusedException("No " + what + " with ID " + idOrPrefix + " in the cluster.");
        }
        if (matches.size() > 1) {
            throw new OperationRefusedException("Node ID prefix " + idOrPrefix + " is ambiguous: it matches "
                    + matches.stream().map(NodeReport::id).collect(Collectors.joining(", ")) + ".");
        }
        return matches.get(0);
    }

    /**
     * A master by full ID or unique prefix. A replica's ID is an easy slip: it is named as a replica rather than
     * refused as "no such master".
     *
     * @param option what asked for the master, for the refusal ("--to", "--master-id")
     */
    public static NodeReport master(ClusterSnapshot snapshot, String idOrPrefix, String option) {
        String wanted = idOrPrefix.trim().toLowerCase(Locale.ROOT);
        if (!wanted.isEmpty() && snapshot.masters().stream().noneMatch(m -> m.id().startsWith(wanted))) {
            List<NodeReport> replicas = snapshot.nodes().stream()
                    .filter(n -> !n.self().isMaster() && n.id().startsWith(wanted)).toList();
            if (replicas.size() == 1) {
                NodeReport n = replicas.get(0);
                throw new OperationRefusedException("Node " + n.address() + " (" + n.id() + ") is a replica, not a "
                        + "master: " + option + " needs a master's ID.");
            }
        }
        return resolve(snapshot.masters(), idOrPrefix, "master");
    }
}
