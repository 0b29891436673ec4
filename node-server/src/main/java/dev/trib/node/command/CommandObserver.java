package dev.trib.node.command;

import java.util.List;

/** Told of every command the dispatcher ran (not refused), with its execution time: SLOWLOG, LATENCY, MONITOR. */
@FunctionalInterface
public interface CommandObserver {
    void executed(CommandSpec spec, List<byte[]> argv, ClientSession session, long micros);
}
