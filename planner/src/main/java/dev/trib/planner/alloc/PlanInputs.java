package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.SlotSet;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Checks shared by the reshard and rebalance planners and their plan records. */
final class PlanInputs {
    private PlanInputs() {
    }

    /** An immutable copy of {@code moves}; fails when a slot is moved twice. */
    static List<SlotMove> distinctSlots(List<SlotMove> moves) {
        List<SlotMove> copy = List.copyOf(moves);
        Set<Integer> seen = new HashSet<>();
        for (SlotMove m : copy) {
            if (!seen.add(m.slot())) {
                throw new IllegalArgumentException("slot " + m.slot() + " is moved more than once");
            }
        }
        return copy;
    }

    /** Every master listed once and no slot owned by two masters: a plan made otherwise would move slots wrongly. */
    static <T> void requireConsistent(List<T> masters, Function<T, String> id, Function<T, SlotSet> slots) {
        Set<String> ids = new HashSet<>();
        String[] owner = new String[KeySlots.COUNT];
        for (T m : masters) {
            String mid = id.apply(m);
            if (!ids.add(mid)) {
                throw new PlanningException("Master " + mid + " is listed more than once.");
            }
            for (int slot : slots.apply(m).toArray()) {
                if (owner[slot] != null) {
                    throw new PlanningException("Slot " + slot + " is owned by both " + owner[slot] + " and " + mid
                            + ": fix the cluster first.");
                }
                owner[slot] = mid;
            }
        }
    }
}
