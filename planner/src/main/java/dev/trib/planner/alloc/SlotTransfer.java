package dev.trib.planner.alloc;

import dev.trib.planner.topology.SlotSet;

import java.util.Objects;

/** All the slots a plan moves from one master to another. */
public record SlotTransfer(String sourceId, String targetId, SlotSet slots) {

    public SlotTransfer {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(slots, "slots");
    }

    public int slotCount() {
        return slots.size();
    }

    @Override
    public String toString() {
        return sourceId + " -> " + targetId + ": " + slots + " (" + slots.size() + " slots)";
    }
}
