package dev.trib.cli.command;

import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.mixin.SandboxDirOption;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.sandbox.Sandbox;
import dev.trib.commands.sandbox.SandboxNode;
import dev.trib.commands.sandbox.SandboxState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "up", description = "Start local nodes and create a cluster of them, as 'trib create' does.")
public final class SandboxUpCommand implements Callable<Integer> {
    /** Which server runs the nodes: real redis-server, or trib's bundled node (needs only a JDK). */
    public enum Server { redis, node }

    @ParentCommand
    SandboxCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SandboxDirOption dir;

    @Mixin
    OutputOptions output;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "6", description = "How many nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = {"--replicas", "--cluster-replicas"}, paramLabel = "N", defaultValue = "1",
            description = "Replicas per master (default: ${DEFAULT-VALUE}).")
    int replicas;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "7001",
            description = "Port of the first node; the others follow (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--bind", split = ",", paramLabel = "IP[,IP...]",
            defaultValue = "127.0.0.1,127.0.0.2,127.0.0.3",
            description = "Loopback addresses to spread the nodes over, each standing for a host, so replicas land "
                    + "on another \"host\" than their master (default: ${DEFAULT-VALUE}; on systems where only "
                    + "127.0.0.1 is configured, pass --bind 127.0.0.1).")
    List<String> bind;

    @Option(names = "--server", paramLabel = "redis|node", defaultValue = "node", description = "Node server: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).")
    Server server;

    @Override
    public Integer call() {
        Sandbox sandbox = dir.sandbox();
        try (Session session = Session.open(spec, parent.trib.context(), ConnectionSettings.plain(), output)) {
            SandboxState state = sandbox.start(new Sandbox.Options(nodes, replicas, basePort, bind,
                            server == Server.redis ? Sandbox.Server.REDIS : Sandbox.Server.NODE),
                    session.listener());
            int code;
            try {
                code = ClusterCreation.run(session, state.nodes().stream().map(SandboxNode::address).toList(),
                        replicas, Optional.empty(), Duration.ofSeconds(60), true);
            } catch (RuntimeException e) {
                sandbox.stop();
                throw e;
            }
            if (!session.json()) {
                SandboxNode first = state.nodes().get(0);
                session.printer().line("");
                session.printer().line("Sandbox cluster of " + nodes + " nodes is up in " + sandbox.dir() + ".");
                session.printer().line("Connect:  redis-cli -c -h " + first.ip() + " -p " + first.port());
                session.printer().line("Check:    bin/trib check " + first.address());
                session.printer().line("Stop:     bin/trib sandbox down" + dir.asArgument()
                        + "   (or 'clean' to also delete it)");
            }
            return code;
        }
    }
}
