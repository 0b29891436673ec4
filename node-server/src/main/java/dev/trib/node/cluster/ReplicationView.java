package dev.trib.node.cluster;

/** What failover needs from replication: offsets, how stale a replica's data is, the write pause. */
public interface ReplicationView {
    ReplicationView NONE = new ReplicationView() {
    };

    /** This node's replication offset (produced as a master, applied as a replica). */
    default long offset() {
        return 0;
    }

    /** A replica's data age: how long since its master link last carried data (0 when unknown). */
    default long dataAgeMillis() {
        return 0;
    }

    /** Holds client writes until the given time; 0 ends a pause now. */
    default void pauseWrites(long untilMillis) {
    }

    /** Called after this node changed role, so replication follows at once rather than on its next tick. */
    default void roleChanged() {
    }
}
