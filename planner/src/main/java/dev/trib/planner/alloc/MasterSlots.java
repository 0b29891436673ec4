package dev.trib.planner.alloc;

import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.topology.SlotSet;

import java.util.List;
import java.util.Objects;

/** A master and the slots it owns, as {@link ReshardPlanner} sees it. */
public record MasterSlots(String id, SlotSet slots) {

    public MasterSlots {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slots, "slots");
    }

    /** The masters of a snapshot with their slots as each master describes itself, in snapshot order. */
    public static List<MasterSlots> fromSnapshot(ClusterSnapshot snapshot) {
        return snapshot.masters().stream().map(n -> new MasterSlots(n.id(), n.self().slots())).toList();
    }
}
