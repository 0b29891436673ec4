package dev.trib.planner.alloc;

import dev.trib.planner.topology.KeySlots;

import java.util.Objects;

/** One hash slot to move from the master that owns it to another master. */
public record SlotMove(int slot, String sourceId, String targetId) {

    public SlotMove {
        KeySlots.checkSlot(slot);
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(targetId, "targetId");
        if (sourceId.equals(targetId)) {
            throw new IllegalArgumentException("slot " + slot + " cannot move from " + sourceId + " to itself");
        }
    }

    @Override
    public String toString() {
        return slot + ": " + sourceId + " -> " + targetId;
    }
}
