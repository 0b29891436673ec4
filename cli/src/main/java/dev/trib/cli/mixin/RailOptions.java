package dev.trib.cli.mixin;

import picocli.CommandLine.Option;

/** Overriding the safety rails of the commands that plan slot moves (reshard, rebalance). */
public class RailOptions {
    @Option(names = "--force", description = "Move even when a target master would go above its maxmemory "
            + "(estimated from sampled MEMORY USAGE of the slots moved).")
    public boolean force;

    @Option(names = "--allow-big-keys", description = "Move even keys whose MIGRATE would block their master "
            + "longer than half the cluster-node-timeout.")
    public boolean allowBigKeys;

    @Option(names = "--preflight", description = "Check the plan against the rails (maxmemory, big keys) and show "
            + "it, changing nothing; exit 1 when a rail would refuse the run.")
    public boolean preflight;
}
