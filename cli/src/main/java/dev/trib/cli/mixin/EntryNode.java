package dev.trib.cli.mixin;

import dev.trib.cli.HostAndPortConverter;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.Parameters;

/** The first argument of the commands that read or change a whole cluster: any one of its nodes. */
public class EntryNode {
    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "Any node of the cluster.")
    public HostAndPort address;
}
