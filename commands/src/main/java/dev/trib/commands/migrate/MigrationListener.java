package dev.trib.commands.migrate;

import java.util.List;

/** What the engine reports while it runs; called from worker threads. */
public interface MigrationListener {
    MigrationListener NONE = new MigrationListener() {
    };

    /** These slots now belong to their target on every master that answered. */
    default void slotsDone(List<Integer> slots, long keysMoved) {
    }

    /** Keys moved so far in a round still in progress (for a live keys/s figure). */
    default void keysMoved(long keys) {
    }

    /** A transient failure being retried. */
    default void retrying(String what) {
    }
}
