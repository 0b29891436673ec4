package dev.trib.node.command;

import java.util.List;

/**
 * Told of every command the dispatcher ran (not refused), with its execution time in microseconds, -1 for a
 * command that blocked: SLOWLOG, LATENCY, MONITOR, client tracking.
 */
@FunctionalInterface
public interface CommandObserver {
    void executed(CommandSpec spec, List<byte[]> argv, ClientSession session, long micros);
}
