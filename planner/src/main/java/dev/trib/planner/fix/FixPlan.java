package dev.trib.planner.fix;

import dev.trib.planner.check.ClusterSnapshot;

import java.util.List;

/**
 * What fix will do to the cluster in the snapshot: the repairs in order, and the problems it will not guess at, each
 * a one-line reason. A plan with refusals is not applied at all. Immutable.
 */
public record FixPlan(ClusterSnapshot snapshot, List<FixStep> steps, List<String> refusals) {
    public FixPlan {
        steps = List.copyOf(steps);
        refusals = List.copyOf(refusals);
    }

    public boolean nothingToDo() {
        return steps.isEmpty() && refusals.isEmpty();
    }
}
