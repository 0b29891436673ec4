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

    /**
     * A big key was moved alone, after the other keys of its slot.
     *
     * @param bytes     its MEMORY USAGE when the rails sized it
     * @param timeoutMs the MIGRATE timeout it was given
     * @param tookMs    how long its MIGRATE took
     */
    default void bigKeyMoved(int slot, String key, long bytes, int timeoutMs, long tookMs) {
    }

    /** How a wait ended, and other facts worth a line without --quiet. */
    default void detail(String what) {
    }

    /** A transient failure being retried. */
    default void retrying(String what) {
    }

    /**
     * Something the user should know even with --quiet, e.g. why the run waits before it moves anything: a wait of
     * a minute with nothing said looks like a hang.
     */
    default void warning(String what) {
        retrying(what);
    }
}
