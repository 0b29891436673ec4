package dev.trib.node.command;

import java.util.List;

/** Receives each command that changed the dataset, in execution order (replication stream, AOF). */
@FunctionalInterface
public interface CommandSink {
    void propagate(List<byte[]> argv);
}
