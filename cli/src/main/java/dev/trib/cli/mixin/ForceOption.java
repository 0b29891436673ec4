package dev.trib.cli.mixin;

import picocli.CommandLine.Option;

/** Overriding the capacity rail of the commands that plan slot moves (reshard, rebalance). */
public class ForceOption {
    @Option(names = "--force", description = "Move even when a target master would go above its maxmemory "
            + "(estimated from sampled MEMORY USAGE of the slots moved).")
    public boolean force;
}
