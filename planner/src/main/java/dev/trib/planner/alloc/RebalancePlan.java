package dev.trib.planner.alloc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code rebalance} will do.
 *
 * @param moves           the slot moves, grouped by (source, target) pair in planning order, each group's slots
 *                        ascending; empty when nothing needs to move
 * @param expectedSlots   every master given to the planner (in input order) with the slots it owns after the moves
 * @param withinThreshold true when every master is within the threshold, so nothing moves
 * @param reason          one line for the user: {@code *** No rebalancing needed! ...} when within the threshold, else
 *                        which master is furthest off its share
 */
public record RebalancePlan(List<SlotMove> moves, Map<String, Integer> expectedSlots, boolean withinThreshold,
                            String reason) implements SlotMovePlan {

    public RebalancePlan {
        moves = PlanInputs.distinctSlots(moves);
        expectedSlots = Collections.unmodifiableMap(new LinkedHashMap<>(expectedSlots));
        Objects.requireNonNull(reason, "reason");
        if (withinThreshold && !moves.isEmpty()) {
            throw new IllegalArgumentException("a plan within the threshold moves nothing");
        }
    }
}
