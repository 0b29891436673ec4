package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.SlotSet;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A master as {@link RebalancePlanner} sees it.
 *
 * @param weight  its share relative to the others (redis-cli {@code --cluster-weight}, default 1); 0 drains it
 * @param measure the amount to balance: its slot count by default ({@link #of}); could be its keys or memory. The
 *                planner assumes a master's measure is spread evenly over its slots.
 */
public record RebalanceNode(String id, SlotSet slots, double weight, double measure) {

    public static final double DEFAULT_WEIGHT = 1.0;

    public RebalanceNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slots, "slots");
    }

    /** Weight 1, balanced by slot count. */
    public static RebalanceNode of(String id, SlotSet slots) {
        return of(id, slots, DEFAULT_WEIGHT);
    }

    /** Balanced by slot count. */
    public static RebalanceNode of(String id, SlotSet slots, double weight) {
        return new RebalanceNode(id, slots, weight, slots.size());
    }

    public RebalanceNode withMeasure(double newMeasure) {
        return new RebalanceNode(id, slots, weight, newMeasure);
    }

    public boolean measuredBySlots() {
        return measure == slots.size();
    }

    /**
     * The snapshot's masters, balanced by slot count.
     *
     * @param weights full master id to weight; masters not in it weigh 1
     * @throws PlanningException when a weight names no master of the snapshot
     */
    public static List<RebalanceNode> fromSnapshot(ClusterSnapshot snapshot, Map<String, Double> weights) {
        checkWeights(snapshot, weights);
        return snapshot.masters().stream()
                .map(n -> of(n.id(), n.self().slots(), weights.getOrDefault(n.id(), DEFAULT_WEIGHT)))
                .toList();
    }

    /**
     * The snapshot's masters, balanced by their number of keys (DBSIZE).
     *
     * @throws PlanningException when a weight names no master, or a master could not be reached so its keys are
     *                           unknown
     */
    public static List<RebalanceNode> fromSnapshotByKeys(ClusterSnapshot snapshot, Map<String, Double> weights) {
        checkWeights(snapshot, weights);
        return snapshot.masters().stream().map(n -> {
            long keys = n.keys().orElseThrow(() -> new PlanningException("Cannot balance by keys: master "
                    + n.id() + " (" + n.address() + ") could not be reached."));
            return new RebalanceNode(n.id(), n.self().slots(), weights.getOrDefault(n.id(), DEFAULT_WEIGHT), keys);
        }).toList();
    }

    private static void checkWeights(ClusterSnapshot snapshot, Map<String, Double> weights) {
        Set<String> ids = new HashSet<>();
        snapshot.masters().stream().map(NodeReport::id).forEach(ids::add);
        weights.keySet().stream().sorted().filter(id -> !ids.contains(id)).findFirst().ifPresent(id -> {
            throw new PlanningException("A weight is given for " + id + ", which is not a master of this cluster.");
        });
    }
}
