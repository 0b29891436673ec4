package dev.trib.planner.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Masters left without a working replica, replicas whose link is down or behind, replicas beside their master. */
final class ReplicationFindings {
    /** Replicas acknowledge every second; this long without one is a replica falling behind or stuck. */
    static final long LAG_SECONDS = 10;

    private ReplicationFindings() {
    }

    static void add(DoctorInput input, List<DoctorFinding> out) {
        for (NodeFacts m : input.masters()) {
            if (m.slots() > 0) {
                withoutReplica(input, m, out);
            }
        }
        for (NodeFacts r : input.reachable()) {
            r.link().filter(l -> !l.up()).ifPresent(l -> out.add(linkDown(input, r, l)));
        }
        for (NodeFacts m : input.reachable()) {
            for (ReplicaSeen seen : m.replicas()) {
                if (seen.state().equals("online") && seen.lagSeconds() >= LAG_SECONDS) {
                    Optional<NodeFacts> r = listed(input, m, seen);
                    out.add(new DoctorFinding(DoctorKind.REPLICA_LAGGING, Severity.WARNING, "Replica "
                            + r.map(NodeFacts::label).orElse(seen.address().toString()) + " of " + m.label()
                            + " has not acknowledged for " + seen.lagSeconds() + " s.",
                            "Look at its load and network; a failover now would lose what it has not received.",
                            List.of(r.map(NodeFacts::id).orElse(m.id()))));
                }
            }
        }
        for (NodeFacts r : input.nodes()) {
            Optional<NodeFacts> m = r.masterId().flatMap(input::node);
            if (m.isPresent() && m.get().address().host().equals(r.address().host())) {
                out.add(new DoctorFinding(DoctorKind.REPLICA_SAME_HOST, Severity.WARNING, "Replica " + r.label()
                        + " runs on the same host as its master " + m.get().label() + ": one host failure loses both.",
                        "Move the replica to another host (trib replace OLD NEW, or add-node --replica elsewhere "
                                + "and del-node this one).", List.of(r.id())));
            }
        }
    }

    /**
     * The node a master's INFO line is about. The line's ip is where the replica connected from, which is not its
     * announced address when it has several (one host's loopback aliases, a NAT): then the master's own replica
     * with that listening port is the one.
     */
    static Optional<NodeFacts> listed(DoctorInput input, NodeFacts master, ReplicaSeen seen) {
        Optional<NodeFacts> exact = input.nodes().stream().filter(n -> n.address().equals(seen.address())).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        List<NodeFacts> byPort = input.replicasOf(master.id()).stream()
                .filter(n -> n.address().port() == seen.address().port()).toList();
        return byPort.size() == 1 ? Optional.of(byPort.get(0)) : Optional.empty();
    }

    private static void withoutReplica(DoctorInput input, NodeFacts m, List<DoctorFinding> out) {
        List<NodeFacts> replicas = input.replicasOf(m.id());
        if (replicas.stream().anyMatch(r -> r.reachable() && r.link().map(ReplicaLink::up).orElse(false))) {
            return;
        }
        String why;
        if (replicas.isEmpty()) {
            why = "has no replica";
        } else {
            List<String> states = new ArrayList<>();
            for (NodeFacts r : replicas) {
                states.add(r.address() + (r.reachable() ? " link down" : " unreachable"));
            }
            why = "has no reachable replica with a live link (" + String.join(", ", states) + ")";
        }
        out.add(new DoctorFinding(DoctorKind.MASTER_WITHOUT_REPLICA, Severity.WARNING, "Master " + m.label() + " "
                + why + (m.reachable() ? ": if it fails, its " : ": its ") + m.slots() + " slots are down until it returns.",
                "Add a replica: trib add-node NEW_HOST:PORT " + m.address() + " --replica --master-id " + m.id() + ".",
                List.of(m.id())));
    }

    private static DoctorFinding linkDown(DoctorInput input, NodeFacts r, ReplicaLink l) {
        String master = r.masterId().flatMap(input::node).map(NodeFacts::label)
                .orElse(r.masterId().orElse("?"));
        String since = l.syncing() ? " (a full sync is under way)"
                : l.downSinceSeconds() > 0 ? " (for " + l.downSinceSeconds() + " s)" : "";
        return new DoctorFinding(DoctorKind.REPLICA_LINK_DOWN, Severity.WARNING, "Replica " + r.label()
                + "'s link to its master " + master + " is down" + since + ".",
                "Look at both nodes' logs (authentication, output buffer limits, network); until it is up the "
                        + "replica cannot take over.", List.of(r.id()));
    }
}
