package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.NodeRefConverter;
import dev.trib.cli.TribException;
import dev.trib.cli.mixin.WaitTimeoutOption;
import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.FailoverOperation;
import dev.trib.commands.ops.FailoverOperation.Mode;
import dev.trib.commands.ops.FailoverVersionCheck;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = FailoverCommand.NAME,
        description = "Make a replica master (or step a master down, or drain a host of masters); asks first.")
public final class FailoverCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "failover";

    @Mixin
    ClusterAccess cluster;

    @Mixin
    WaitTimeoutOption wait;

    @Parameters(index = "0", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "The replica to make master (with --demote: the master to replace by its best replica; "
                    + "with --host: any node). With NODE: any node of the cluster.")
    HostAndPort entry;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NODE", converter = NodeRefConverter.class,
            description = "The node to act on, when not HOST:PORT itself: full ID, unique prefix of 4+ characters, "
                    + "or HOST:PORT.")
    String nodeRef;

    @Option(names = "--demote", description = "HOST:PORT is a master to step down: its best replica (reachable, link "
            + "up, highest offset) takes over.")
    boolean demote;

    @Option(names = "--host", paramLabel = "IP", description = "Fail over every master on this host to a replica "
            + "on another host (maintenance of that host).")
    String host;

    static final class Variant {
        @Option(names = "--force", description = "CLUSTER FAILOVER FORCE: do not wait for the master (when it is "
                + "down). Writes it had not yet replicated are lost.")
        boolean force;

        @Option(names = "--takeover", description = "CLUSTER FAILOVER TAKEOVER: no vote of the other masters. If "
                + "the old master's side still has a majority, the cluster can end up with two views.")
        boolean takeover;
    }

    @ArgGroup(exclusive = true)
    Variant variant = new Variant();

    @Option(names = {"--dry-run", "--simulate"}, description = "Show the promotions and change nothing.")
    boolean dryRun;

    /**
     * Nodes of an older server that cannot replicate their promoted master (a rolling upgrade's middle), then slots
     * a promoted replica had dropped and was given back.
     */
    private final List<String> warnings = new ArrayList<>();

    @Override
    public Integer call() {
        Mode mode = variant.takeover ? Mode.TAKEOVER : variant.force ? Mode.FORCE : Mode.DEFAULT;
        java.time.Duration timeout = wait.waitTimeout();
        if (demote && host != null) {
            throw cluster.usage("--demote and --host exclude each other");
        }
        if (host != null && host.isBlank()) {
            throw cluster.usage("--host needs an IP address or host name");
        }
        if (nodeRef != null && host != null) {
            throw cluster.usage("NODE and --host exclude each other");
        }
        try (Session session = cluster.open()) {
            if (mode == Mode.FORCE) {
                session.errWriter().println("[WARNING] --force: the master is not asked to stop; writes it had not "
                        + "replicated yet are lost.");
            } else if (mode == Mode.TAKEOVER) {
                session.errWriter().println("[WARNING] --takeover: no vote is held; if the old master's side still "
                        + "has a majority the cluster can split into two views.");
            }
            FailoverOperation operation = new FailoverOperation(session.connector());
            ClusterSnapshot snapshot = operation.load(entry);
            NodeReport named = host != null ? null
                    : nodeRef != null ? operation.find(snapshot, nodeRef) : operation.find(snapshot, entry);
            // Repeating a failover changes nothing: the node named is already what it was asked to become.
            Optional<String> done = host != null ? Optional.empty() : alreadyDone(named);
            List<FailoverOperation.Promotion> promotions = done.isPresent() ? List.of()
                    : host != null ? operation.forHost(snapshot, host, mode)
                    : List.of(operation.forNode(snapshot, named, mode));
            if (promotions.isEmpty()) {
                String reason = done.orElse("No master with slots on " + host);
                session.printer().ok(reason + ": nothing to do.");
                return report(session, promotions, false, reason, null);
            }
            session.progress().step("Failover" + (mode == Mode.DEFAULT ? "" : " (" + mode.name().toLowerCase() + ")"));
            promotions.forEach(p -> session.progress().line("  " + p.description()));
            warnings.addAll(FailoverVersionCheck.warnings(session.connector(), snapshot, promotions));
            warnings.forEach(session.progress()::warning);
            if (dryRun) {
                return report(session, promotions, false, "dry run", null);
            }
            cluster.confirmOrAbort("Do you want to proceed with the failover?", "Aborted: no node was changed.");
            try (Interruption ctrlC = Interruption.onCtrlC(operation::requestStop)) {
                int promoted = operation.execute(snapshot, promotions, mode, timeout, r -> {
                    session.progress().warning(r.warning());
                    warnings.add(r.warning());
                });
                if (ctrlC.interrupted()) {
                    throw new TribException(ExitCodes.INTERRUPTED, "Interrupted after " + promoted + " of "
                            + promotions.size() + " promotion(s); the one in flight was completed. Run the same "
                            + "failover again for the rest.");
                }
            }
            ClusterSnapshot after = operation.load(host != null ? entry : promotions.get(0).replica().address());
            session.printer().ok(promotions.size() + " replica(s) promoted; every reachable node agrees.");
            if (!session.json()) {
                ClusterText.nodesAfterChange(session.printer(), after);
            }
            return report(session, promotions, true, null, after);
        }
    }

    /** Why there is nothing to do for the node named, if so. */
    private Optional<String> alreadyDone(NodeReport named) {
        if (demote && named.self().isReplica()) {
            return Optional.of(named.address() + " is already a replica");
        }
        if (!demote && named.self().isMaster()) {
            return Optional.of(named.address() + " is already a master"
                    + (named.self().slots().isEmpty() ? "" : " (" + named.self().slots().size() + " slots)"));
        }
        return Optional.empty();
    }

    private int report(Session session, List<FailoverOperation.Promotion> promotions, boolean changed, String reason,
                       ClusterSnapshot after) {
        if (session.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", ExitCodes.OK);
            doc.put("dryRun", dryRun);
            doc.put("changed", changed);
            doc.put("reason", reason);
            List<Map<String, Object>> list = new ArrayList<>();
            for (FailoverOperation.Promotion p : promotions) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("replica", Json.nodeRef(p.replica()));
                e.put("master", Json.nodeRef(p.master()));
                list.add(e);
            }
            doc.put("promotions", list);
            doc.put("warnings", warnings);
            if (after != null) {
                doc.put("nodes", after.nodes().stream().map(n -> Json.node(after, n)).toList());
            }
            Json.print(session.out(), doc);
        }
        return ExitCodes.OK;
    }
}
