package dev.trib.node.runtime;

import dev.trib.node.config.LiveConfig;
import dev.trib.node.keyspace.Clock;
import dev.trib.node.keyspace.Keyspace;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * What every component that works on the dataset shares: the live configuration, the keyspace, the clock, the event
 * loop that owns the keyspace (work from other threads is handed to it) and the work due after each batch of
 * commands. Built first and passed to constructors; it knows no component, so replication, persistence and the
 * cluster need nothing above them to reach it.
 */
public record NodeRuntime(LiveConfig config, Keyspace keyspace, Clock clock, Executor keyspaceLoop,
                          List<Runnable> afterCommandHooks) {

    public NodeRuntime(LiveConfig config, Keyspace keyspace, Clock clock, Executor keyspaceLoop) {
        this(config, keyspace, clock, keyspaceLoop, new CopyOnWriteArrayList<>());
    }

    /** Something to do once a batch of commands has run, before the replies are flushed (saving nodes.conf). */
    public void afterCommands(Runnable action) {
        afterCommandHooks.add(action);
    }

    public void runAfterCommands() {
        afterCommandHooks.forEach(Runnable::run);
    }
}
