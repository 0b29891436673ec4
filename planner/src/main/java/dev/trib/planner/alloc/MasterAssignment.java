package dev.trib.planner.alloc;

import dev.trib.planner.topology.SlotRange;

import java.util.Objects;

/** A node that becomes a master and the slots it is given. */
public record MasterAssignment(NodeSpec node, SlotRange slots) {
    public MasterAssignment {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(slots, "slots");
    }
}
