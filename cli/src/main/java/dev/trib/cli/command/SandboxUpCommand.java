package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.mixin.SandboxDirOption;
import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.Json;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.commands.sandbox.Rejoin;
import dev.trib.commands.sandbox.Sandbox;
import dev.trib.commands.sandbox.SandboxNode;
import dev.trib.commands.sandbox.SandboxState;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "up", description = "Start local nodes and create a cluster of them, as 'trib create' does; when the "
        + "sandbox exists, start again whichever of its nodes are not running, with their data.")
public final class SandboxUpCommand implements Callable<Integer> {
    /** Which server runs the nodes: real redis-server, or trib's bundled node (needs only a JDK). */
    public enum Server { redis, node }

    /** How long restarted nodes get to be a whole cluster again (a bundled node takes seconds to start). */
    private static final Duration REJOIN_TIMEOUT = Duration.ofSeconds(180);

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
                    + "on another \"host\" than their master; every node answers on 127.0.0.1 at its port too "
                    + "(default: ${DEFAULT-VALUE}; on systems where only 127.0.0.1 is configured, pass --bind "
                    + "127.0.0.1).")
    List<String> bind;

    @Option(names = "--server", paramLabel = "redis|node", defaultValue = "node", description = "Node server: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).")
    Server server;

    @Override
    public Integer call() {
        Sandbox sandbox = dir.sandbox();
        try (Session session = Session.open(spec, parent.trib.context(), ConnectionSettings.plain(), output)) {
            Optional<SandboxState> existing = sandbox.state();
            if (existing.isPresent() && existing.get().created()) {
                return restart(session, sandbox, existing.get());
            }
            SandboxState state = sandbox.start(new Sandbox.Options(nodes, replicas, basePort, bind,
                            server == Server.redis ? Sandbox.Server.REDIS : Sandbox.Server.NODE),
                    session.listener());
            int code;
            try {
                code = ClusterCreation.run(session, addresses(state), replicas, Optional.empty(),
                        Duration.ofSeconds(60), true);
            } catch (RuntimeException e) {
                sandbox.stop();
                throw e;
            }
            sandbox.markCreated(state);
            if (!session.json()) {
                printNodes(session, sandbox, state, "is up");
            }
            return code;
        }
    }

    /** The sandbox exists: start what is not running, wait until it is a whole cluster, and show it. */
    private int restart(Session session, Sandbox sandbox, SandboxState state) {
        refuseOtherLayout(sandbox, state);
        List<SandboxNode> started = sandbox.restart(state, session.listener());
        SandboxState now = sandbox.state().orElse(state);
        if (!started.isEmpty()) {
            session.progress().step("Waiting for the nodes to rejoin the cluster");
        }
        CheckReport report = Rejoin.await(session.connector(), started.isEmpty() ? now.nodes().get(0).address()
                : started.get(0).address(), started.isEmpty() ? Duration.ofSeconds(10) : REJOIN_TIMEOUT);
        int code = report.healthy() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        if (session.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", code);
            doc.put("restarted", started.stream().map(n -> n.address().toString()).toList());
            doc.put("check", Json.check(report, code));
            Json.print(session.out(), doc);
            return code;
        }
        ClusterText.checkAfterChange(session.printer(), report);
        printNodes(session, sandbox, now, started.isEmpty() ? "was already up: every node runs"
                : "is up again (" + started.size() + " of " + now.nodes().size() + " nodes started, with their data)");
        return code;
    }

    /** Options that would make another sandbox than the one there: refused rather than silently ignored. */
    private void refuseOtherLayout(Sandbox sandbox, SandboxState state) {
        List<SandboxNode> ns = state.nodes();
        int firstPort = ns.stream().mapToInt(SandboxNode::port).min().orElse(basePort);
        List<String> ips = ns.stream().map(SandboxNode::ip).distinct().toList();
        String serverName = server == Server.redis ? "redis-server" : "trib-node";
        var parsed = spec.commandLine().getParseResult();
        List<String> differs = new ArrayList<>();
        if (parsed.hasMatchedOption("--nodes") && nodes != ns.size()) {
            differs.add("--nodes " + nodes);
        }
        if (parsed.hasMatchedOption("--replicas") && replicas != state.replicas()) {
            differs.add("--replicas " + replicas);
        }
        if (parsed.hasMatchedOption("--base-port") && basePort != firstPort) {
            differs.add("--base-port " + basePort);
        }
        if (parsed.hasMatchedOption("--bind") && !bind.equals(ips)) {
            differs.add("--bind " + String.join(",", bind));
        }
        if (parsed.hasMatchedOption("--server") && !serverName.equals(state.server())) {
            differs.add("--server " + server);
        }
        if (!differs.isEmpty()) {
            throw new OperationRefusedException("The sandbox in " + sandbox.dir() + " has " + ns.size() + " "
                    + state.server() + " nodes from port " + firstPort + " (" + state.replicas() + " replica(s) per "
                    + "master), not " + String.join(", ", differs) + ": 'trib sandbox clean" + dir.asArgument()
                    + "' deletes it first, or --dir makes another one.");
        }
    }

    private static List<HostAndPort> addresses(SandboxState state) {
        return state.nodes().stream().map(SandboxNode::address).toList();
    }

    /** Every node's address and role, and how to use the sandbox. */
    private void printNodes(Session session, Sandbox sandbox, SandboxState state, String what) {
        SandboxNode first = state.nodes().get(0);
        ClusterSnapshot snapshot = new ClusterLoader(session.connector()).load(first.address());
        var p = session.printer();
        p.line("");
        p.line("Sandbox cluster of " + state.nodes().size() + " " + state.server() + " nodes " + what + " in "
                + sandbox.dir() + ".");
        p.line("Nodes (each also answers on 127.0.0.1 at its port):");
        List<NodeReport> byPort = new ArrayList<>(snapshot.nodes());
        byPort.sort(Comparator.comparingInt(n -> n.address().port()));
        for (NodeReport n : byPort) {
            String role = n.self().isMaster() ? "master, " + n.self().slots().size() + " slots"
                    : "replica of " + n.self().masterId().flatMap(snapshot::node).map(m -> m.address().toString())
                    .orElse("?");
            p.line("  " + n.address() + "  " + role + (n.reachable() ? "" : "  (unreachable)"));
        }
        p.line("Connect:  redis-cli -c -h " + first.ip() + " -p " + first.port());
        // How this trib was started (bin/trib in a checkout, trib when installed), for lines to copy.
        String self = parent.trib.context().environment().get("TRIB_SELF").orElse("trib");
        p.line("Check:    " + self + " check " + first.address());
        p.line("Stop:     " + self + " sandbox down" + dir.asArgument()
                + "   (keeps the data: 'up' brings it back; 'clean' deletes it)");
    }
}
