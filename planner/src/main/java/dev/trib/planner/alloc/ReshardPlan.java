package dev.trib.planner.alloc;

import java.util.List;

/**
 * What {@code reshard} will do: the slots to move, source by source (largest source first), each source's slots in
 * ascending order. Immutable; no slot appears twice.
 */
public record ReshardPlan(List<SlotMove> moves) implements SlotMovePlan {

    public ReshardPlan {
        moves = PlanInputs.distinctSlots(moves);
    }
}
