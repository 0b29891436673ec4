package dev.trib.commands.ops;

import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterChecker;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.Finding;
import dev.trib.planner.check.FindingKind;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.HostAndPort;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The check an operation runs before it changes anything, taken again for a while when all it finds passes by
 * itself: right after another move the nodes disagree while the new owner's epoch spreads; a master that has
 * just joined (redis-cli add-node returns before it has) reports cluster_state:fail until Redis's rejoin delay,
 * min(cluster-node-timeout, 5 s), is over.
 */
final class SettledCheck {
    private static final Duration DISAGREEMENT_GRACE = Duration.ofSeconds(3);
    /** Redis's longest rejoin delay (5 s) and a little more. */
    private static final Duration REJOIN_GRACE = Duration.ofSeconds(6);

    record Result(ClusterSnapshot snapshot, CheckReport report) {
    }

    private SettledCheck() {
    }

    static Result of(NodeConnector connector, HostAndPort entry) {
        ClusterSnapshot snapshot = new ClusterLoader(connector).load(entry);
        CheckReport report = ClusterChecker.check(snapshot, false);
        long started = System.nanoTime();
        while ((passing(report, snapshot) || (harmless(report, snapshot) && !everyoneKnowsEveryone(snapshot)))
                && System.nanoTime() - started
                < (report.has(FindingKind.CLUSTER_STATE_FAIL) ? REJOIN_GRACE : DISAGREEMENT_GRACE).toNanos()) {
            try {
                Thread.sleep(Waits.POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            snapshot = new ClusterLoader(connector).load(entry);
            report = ClusterChecker.check(snapshot, false);
        }
        return new Result(snapshot, report);
    }

    /**
     * Something passes by itself (disagreement, the cluster_state:fail of a slot-less master joining) and the
     * rest is lasting but harmless (a dead replica, a failed slot-less master): waiting may clear the former.
     */
    private static boolean passing(CheckReport report, ClusterSnapshot s) {
        boolean transient_ = false;
        for (Finding f : report.findings()) {
            boolean joiningMaster = f.kind() == FindingKind.CLUSTER_STATE_FAIL && f.nodes().stream()
                    .allMatch(id -> s.nodes().stream().anyMatch(n -> n.id().equals(id) && n.self().isMaster()
                            && n.self().slots().isEmpty()));
            if (f.kind() == FindingKind.NODES_DISAGREE || joiningMaster) {
                transient_ = true;
            } else if (!degradedOnly(f, s)) {
                return false;
            }
        }
        return transient_;
    }

    /**
     * Every reachable node lists every other reachable node. redis-cli add-node meets the new node from one member
     * only and returns; the others learn of it by gossip within a few cluster ticks, and until then a source
     * answers SETSLOT ... MIGRATING with "I don't know about node".
     */
    private static boolean everyoneKnowsEveryone(ClusterSnapshot s) {
        // One id set per view: looking each id up in each view would be N^3 per poll at 250 nodes.
        Set<String> reachable = s.reachable().stream().map(NodeReport::id).collect(Collectors.toSet());
        return s.reachable().stream().allMatch(n -> n.view().map(v -> v.nodes().stream().map(ClusterNode::id)
                .collect(Collectors.toSet()).containsAll(reachable)).orElse(true));
    }

    /** Nothing found, or only what a node without slots being down or failing explains. */
    private static boolean harmless(CheckReport report, ClusterSnapshot s) {
        return report.findings().stream().allMatch(f -> degradedOnly(f, s));
    }

    /** A node that holds no slots is down, failing, or lost its master: it touches no slot. */
    private static boolean degradedOnly(Finding f, ClusterSnapshot s) {
        return switch (f.kind()) {
            case NODE_UNREACHABLE, NODE_FLAGGED_FAILING, REPLICA_WITHOUT_MASTER -> f.slots().isEmpty();
            default -> false;
        };
    }
}
