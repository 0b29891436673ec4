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
public final class NodeRuntime {
    private final LiveConfig config;
    private final Keyspace keyspace;
    private final Clock clock;
    private final Executor keyspaceLoop;
    private final List<Runnable> afterCommands = new CopyOnWriteArrayList<>();

    public NodeRuntime(LiveConfig config, Keyspace keyspace, Clock clock, Executor keyspaceLoop) {
        this.config = config;
        this.keyspace = keyspace;
        this.clock = clock;
        this.keyspaceLoop = keyspaceLoop;
    }

    public LiveConfig config() {
        return config;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public Clock clock() {
        return clock;
    }

    public Executor keyspaceLoop() {
        return keyspaceLoop;
    }

    /** Something to do once a batch of commands has run, before the replies are flushed (saving nodes.conf). */
    public void afterCommands(Runnable action) {
        afterCommands.add(action);
    }

    public void runAfterCommands() {
        afterCommands.forEach(Runnable::run);
    }
}
