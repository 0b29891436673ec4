package dev.trib.planner.check;

/** Every kind of problem {@code check} reports. The names are part of the JSON API: add, never rename. */
public enum FindingKind {
    NODES_DISAGREE,
    SLOT_MIGRATING,
    SLOT_IMPORTING,
    OPEN_SLOTS,
    SLOTS_UNCOVERED,
    MULTIPLE_OWNERS,
    NODE_UNREACHABLE,
    NODE_FLAGGED_FAILING,
    REPLICA_WITHOUT_MASTER,
    CLUSTER_STATE_FAIL
}
