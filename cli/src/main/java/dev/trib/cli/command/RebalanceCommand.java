package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.Trib;
import dev.trib.cli.mixin.ConnectionOptions;
import dev.trib.cli.mixin.MigrationOptionsMixin;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.commands.migrate.Journal;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.commands.ops.ReshardOperation;
import dev.trib.planner.PlanningException;
import dev.trib.planner.alloc.RebalanceNode;
import dev.trib.planner.alloc.RebalanceOptions;
import dev.trib.planner.alloc.RebalancePlan;
import dev.trib.planner.alloc.RebalancePlanner;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "rebalance", description = "Even out slots across masters (by weight), moving as few slots as possible.")
public final class RebalanceCommand implements Callable<Integer> {
    @ParentCommand
    Trib trib;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    MigrationOptionsMixin migration;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "Any node of the cluster (with --resume: defaults to the journal's).")
    HostAndPort entry;

    @Option(names = {"--weight", "--cluster-weight"}, paramLabel = "ID=W",
            description = "Weight of a master (id or unique id prefix); default 1, 0 drains it completely. Repeatable.")
    Map<String, Double> weights = new LinkedHashMap<>();

    @Option(names = {"--use-empty-masters", "--cluster-use-empty-masters", "--cluster-use-empty-primaries"},
            description = "Give slots to masters that have none.")
    boolean useEmptyMasters;

    @Option(names = {"--threshold", "--cluster-threshold"}, paramLabel = "PERCENT",
            defaultValue = "" + RebalanceOptions.DEFAULT_THRESHOLD,
            description = "Do nothing while every master is within this percentage of its share (default: "
                    + "${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = {"--simulate", "--dry-run", "--cluster-simulate"},
            description = "Show the plan, before and after per master, and change nothing.")
    boolean dryRun;

    @Option(names = "--resume", description = "Finish an interrupted rebalance from its journal.")
    boolean resume;

    @Override
    public Integer call() {
        if (threshold < 0) {
            throw new ParameterException(spec.commandLine(), "--threshold must be 0 or more");
        }
        Journal.warmUpAsync();
        try (Session session = Session.open(spec, trib.context(), connection, output)) {
            MigrationOptions options = migration.options(session.settings());
            ReshardOperation operation = new ReshardOperation(session.connector());
            if (resume) {
                Journal journal = MigrationRun.journalToResume(migration.journal);
                if (journal.finished()) {
                    session.printer().ok("Journal " + journal.path() + " is finished: nothing to resume.");
                    return ExitCodes.OK;
                }
                ClusterSnapshot snapshot = operation.healthySnapshot(
                        entry != null ? entry : HostAndPort.parse(journal.entry()), true);
                return MigrationRun.run(session, trib.context().stdoutIsTerminal(), output.quiet, "rebalance",
                        snapshot, journal, journal.options(options));
            }
            if (entry == null) {
                throw new ParameterException(spec.commandLine(), "Missing HOST:PORT (only --resume can do without)");
            }
            ClusterSnapshot snapshot = operation.healthySnapshot(entry, false);
            Map<String, Double> byId = new LinkedHashMap<>();
            weights.forEach((prefix, w) -> {
                if (w < 0) {
                    throw new ParameterException(spec.commandLine(), "--weight " + prefix + "=" + w
                            + ": weights are 0 or more");
                }
                byId.put(ReshardCommand.resolve(snapshot, prefix), w);
            });
            RebalancePlan plan;
            try {
                plan = RebalancePlanner.plan(RebalanceNode.fromSnapshot(snapshot, byId),
                        new RebalanceOptions(threshold, useEmptyMasters));
            } catch (PlanningException e) {
                throw new OperationRefusedException(e.getMessage());
            }
            if (plan.withinThreshold()) {
                session.printer().line(plan.reason());
                return ExitCodes.OK;
            }
            session.progress().step("Rebalancing across " + plan.expectedSlots().size() + " masters: "
                    + plan.reason());
            for (NodeReport m : snapshot.masters()) {
                Integer after = plan.expectedSlots().get(m.id());
                if (after != null) {
                    session.progress().line(String.format(Locale.ROOT, "  %s (%s) weight %s: %d -> %d slots",
                            m.address(), m.self().shortId(), weightText(byId.getOrDefault(m.id(), 1.0)),
                            m.self().slots().size(), after));
                }
            }
            ReshardCommand.printSummary(session.progress(), snapshot, plan.moves());
            if (dryRun) {
                return ExitCodes.OK;
            }
            List<String> ids = snapshot.masters().stream().map(NodeReport::id).toList();
            Journal journal = Journal.create(migration.journal != null ? migration.journal
                    : Journal.newDefaultPath("rebalance"), "rebalance", entry.toString(), plan.moves(), ids, options);
            return MigrationRun.run(session, trib.context().stdoutIsTerminal(), output.quiet, "rebalance", snapshot,
                    journal, options);
        }
    }

    private static String weightText(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }
}
