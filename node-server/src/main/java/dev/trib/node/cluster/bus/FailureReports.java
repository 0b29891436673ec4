package dev.trib.node.cluster.bus;

import java.util.HashMap;
import java.util.Map;

/**
 * Failure reports (clusterNodeAddFailureReport and friends): which masters said, in their gossip, that a node is
 * failing (PFAIL or FAIL), and when they last said it. A report is valid for twice the node timeout. Plain data,
 * no links, no clock of its own.
 */
final class FailureReports {
    /** How many node timeouts a report stays valid (CLUSTER_FAIL_REPORT_VALIDITY_MULT). */
    static final int VALIDITY_MULT = 2;

    /** Failing node -> reporting master -> when it last reported. */
    private final Map<String, Map<String, Long>> reports = new HashMap<>();

    /** A master's gossip flags the node PFAIL or FAIL: its report is added or refreshed. */
    void add(String node, String reporter, long now) {
        reports.computeIfAbsent(node, k -> new HashMap<>()).put(reporter, now);
    }

    /** A master's gossip shows the node healthy: its report, if any, is withdrawn. */
    void remove(String node, String reporter) {
        Map<String, Long> r = reports.get(node);
        if (r != null && r.remove(reporter) != null && r.isEmpty()) {
            reports.remove(node);
        }
    }

    /** Reports about the node still valid now; older ones are dropped first. */
    int valid(String node, long now, long nodeTimeout) {
        Map<String, Long> r = reports.get(node);
        if (r == null) {
            return 0;
        }
        r.values().removeIf(at -> now - at > nodeTimeout * VALIDITY_MULT);
        if (r.isEmpty()) {
            reports.remove(node);
            return 0;
        }
        return r.size();
    }

    /** Whether anyone reports the node at all (valid or not yet expired by a count). */
    boolean any(String node) {
        return reports.containsKey(node);
    }

    /** The node was forgotten or renamed away. */
    void forget(String node) {
        reports.remove(node);
    }

    void rename(String oldId, String newId) {
        Map<String, Long> r = reports.remove(oldId);
        if (r != null) {
            reports.put(newId, r);
        }
    }
}
