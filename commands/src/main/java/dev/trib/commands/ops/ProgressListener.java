package dev.trib.commands.ops;

/** What an operation tells the user while it runs; operations never print themselves. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    /** A new phase, rendered like redis-cli's {@code >>> ...} lines. */
    default void step(String description) {
    }

    /** A detail line within a phase. */
    default void detail(String line) {
    }

    /** Something done that the user must hear of even when progress is not shown (--quiet): a warning line. */
    default void warning(String line) {
    }
}
