package dev.trib.cli.command;

import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.mixin.WaitTimeoutOption;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = CreateCommand.NAME, description = "Create a cluster from empty cluster-enabled nodes.")
public final class CreateCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "create";

    @Mixin
    ClusterAccess cluster;

    @Option(names = {"--replicas", "--cluster-replicas"}, paramLabel = "N", defaultValue = "0",
            description = "Replicas per master (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Mixin
    WaitTimeoutOption wait;

    @Option(names = "--no-wait-ok", negatable = false,
            description = "Return once every node agrees on the configuration, as redis-cli does, instead of also "
                    + "waiting for cluster_state:ok: masters may then answer CLUSTERDOWN for up to "
                    + "min(cluster-node-timeout, 5 s).")
    boolean noWaitOk;

    @Parameters(arity = "1..*", paramLabel = "HOST:PORT", description = "The nodes; masters are picked first.",
            converter = HostAndPortConverter.class)
    List<HostAndPort> nodes;

    @Override
    public Integer call() {
        if (replicas < 0) {
            throw cluster.usage("--replicas must be 0 or more");
        }
        Duration waitTimeout = wait.waitTimeout();
        try (Session session = cluster.open()) {
            return ClusterCreation.run(session, nodes, replicas,
                    cluster.assumeYes() ? Optional.empty() : Optional.of(cluster.context().prompter()),
                    waitTimeout, !noWaitOk);
        }
    }
}
