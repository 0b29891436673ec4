package dev.trib.node.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A client's MULTI state: the commands queued for EXEC, and whether one was refused while queueing (then EXEC
 * answers EXECABORT and runs nothing, Redis's CLIENT_DIRTY_EXEC).
 */
public final class Transaction {
    /** One queued call, checked (arity, permissions, routing) when it was queued. */
    public record Queued(CommandSpec spec, List<byte[]> argv) {
    }

    private final List<Queued> queued = new ArrayList<>();
    private boolean aborted;
    private boolean writes;

    void queue(CommandSpec spec, List<byte[]> argv) {
        queued.add(new Queued(spec, argv));
        writes |= spec.has(CommandFlag.WRITE);
    }

    void abort() {
        aborted = true;
    }

    public boolean aborted() {
        return aborted;
    }

    /** Whether a queued command writes (EXEC then counts as a write: pauses hold it, a down cluster refuses it). */
    public boolean writes() {
        return writes;
    }

    public List<Queued> queued() {
        return Collections.unmodifiableList(queued);
    }
}
