package dev.trib.cli.mixin;

import dev.trib.cli.HostAndPortConverter;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.Parameters;

/** The first argument of reshard and rebalance: any node of the cluster, optional with --resume. */
public class ResumableEntry {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "Any node of the cluster (with --resume: defaults to the journal's).")
    public HostAndPort address;
}
