package dev.trib.planner.alloc;

import java.util.Objects;

/** A node that becomes a replica of {@code master}. */
public record ReplicaAssignment(NodeSpec replica, NodeSpec master) {
    public ReplicaAssignment {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(master, "master");
    }
}
