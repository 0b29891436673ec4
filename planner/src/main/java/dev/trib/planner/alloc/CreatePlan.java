package dev.trib.planner.alloc;

import java.util.List;
import java.util.Objects;

/**
 * What {@code create} will do: which nodes become masters of which slots (in slot order) and which nodes replicate
 * which master (grouped by master in slot order, then in input order).
 */
public record CreatePlan(List<MasterAssignment> masters, List<ReplicaAssignment> replicas, AntiAffinity antiAffinity) {

    public CreatePlan {
        masters = List.copyOf(masters);
        replicas = List.copyOf(replicas);
        Objects.requireNonNull(antiAffinity, "antiAffinity");
    }

    public long antiAffinityScore() {
        return antiAffinity.score();
    }

    /** The replicas planned for {@code master}, in plan order. */
    public List<NodeSpec> replicasOf(NodeSpec master) {
        return replicas.stream().filter(r -> r.master().equals(master)).map(ReplicaAssignment::replica).toList();
    }
}
