package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribException;
import dev.trib.cli.mixin.EntryNode;
import dev.trib.cli.mixin.MigrationOptionsMixin;
import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.Json;
import dev.trib.cli.output.MigrationProgress;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.commands.ops.FixOperation;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.commands.ops.Preflight;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterChecker;
import dev.trib.planner.fix.FixPlan;
import dev.trib.planner.fix.FixText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = FixCommand.NAME,
        description = "Repair open slots, unserved slots, stray keys and forgotten nodes; say what was done.")
public final class FixCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "fix";

    @Mixin
    ClusterAccess cluster;

    @Mixin
    MigrationOptionsMixin migration;

    @Mixin
    EntryNode entry;

    @Option(names = {"--dry-run", "--simulate"}, description = "List the repairs and change nothing.")
    boolean dryRun;

    @Option(names = {"--fix-with-unreachable-masters", "--cluster-fix-with-unreachable-masters"},
            description = "Repair even though some masters cannot be reached.")
    boolean withUnreachable;

    @Option(names = {"--search-multiple-owners", "--cluster-search-multiple-owners"},
            description = "Also repair slots claimed by more than one master: the one with the most keys keeps it.")
    boolean searchMultipleOwners;

    @Override
    public Integer call() {
        try (Session session = cluster.open()) {
            // Checked before any node is asked: a bad --pipeline is a usage error, not a late surprise.
            MigrationOptions options = migration.options(session.settings());
            FixOperation operation = new FixOperation(session.connector());
            FixPlan plan = operation.plan(entry.address, withUnreachable, searchMultipleOwners);
            // fix repairs slots, not membership: a dead node gets the command that removes it.
            Preflight advice = Preflight.of(ClusterChecker.check(plan.snapshot(), false));
            plan.snapshot().nodes().stream().filter(n -> !n.reachable()).forEach(n -> session.progress().warning(
                    "Node " + n.address() + " (" + n.self().shortId() + ") is unreachable; fix repairs slots, not "
                            + "nodes. " + advice.deadNodeAdvice(n)));
            if (plan.nothingToDo()) {
                session.printer().ok("Nothing to fix: no open slot and every slot is served.");
                return report(session, plan, false);
            }
            session.progress().step("Repairs");
            FixText.lines(plan.steps()).forEach(d -> session.progress().line("  " + d));
            if (!plan.refusals().isEmpty()) {
                List<String> problems = new ArrayList<>(plan.refusals());
                problems.add("Nothing was changed: fix the cases above by hand first.");
                throw new OperationRefusedException(problems, false);
            }
            if (dryRun) {
                if (session.json()) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("exitCode", ExitCodes.OK);
                    doc.put("dryRun", true);
                    doc.put("changed", false);
                    doc.put("repairs", repairs(plan));
                    Json.print(session.out(), doc);
                }
                return ExitCodes.OK;
            }
            cluster.confirmOrAbort("Fix these problems?", "Aborted: nothing was changed.");
            FixOperation.Applied applied;
            try (Interruption ctrlC = Interruption.onCtrlC(operation::requestStop)) {
                applied = operation.apply(plan, options, new MigrationProgress(
                        session.errWriter(), session.terminal(), true, 0, 0));
            }
            if (applied.stopped()) {
                throw new TribException(ExitCodes.INTERRUPTED, "Interrupted after " + applied.done() + " of "
                        + applied.total() + " repairs; the one in flight was completed, the others are as they were. "
                        + "Finish with: trib fix " + entry.address);
            }
            session.printer().ok("Applied " + plan.steps().size() + " repair(s).");
            return report(session, plan, true);
        }
    }

    private static List<String> repairs(FixPlan plan) {
        return plan.steps().stream().map(FixText::line).toList();
    }

    /** The check after the repairs (or instead of them); under --json with the repairs planned or applied. */
    private int report(Session session, FixPlan plan, boolean applied) {
        CheckReport report = ClusterChecker.check(new ClusterLoader(session.connector()).load(entry.address),
                searchMultipleOwners);
        int code = report.healthy() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        if (session.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", code);
            doc.put("dryRun", dryRun);
            doc.put("changed", applied);
            doc.put("repairs", repairs(plan));
            doc.put("check", Json.check(report, code));
            Json.print(session.out(), doc);
        } else {
            ClusterText.checkAfterChange(session.printer(), report);
        }
        return code;
    }
}
