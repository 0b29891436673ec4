package dev.trib.node.persistence;

import dev.trib.node.command.CommandSink;
import java.util.List;

/**
 * Redis's "dirty" counter: how many writes the dataset took since the last successful save. It sits
 * in front of the replication stream, so every write the dispatcher propagates is counted once, on a
 * master and on a replica alike. One propagated command counts as one change (Redis counts keys
 * touched; the save points only need "has it changed, and roughly how much").
 */
public final class ChangeCounter implements CommandSink {
    private final CommandSink next;
    private long changes;

    public ChangeCounter(CommandSink next) {
        this.next = next;
    }

    @Override
    public void propagate(List<byte[]> argv) {
        changes++;
        next.propagate(argv);
    }

    public long changes() {
        return changes;
    }

    /** A save that began when the counter read {@code atStart} succeeded: what came later still counts. */
    public void saved(long atStart) {
        changes = Math.max(0, changes - atStart);
    }
}
