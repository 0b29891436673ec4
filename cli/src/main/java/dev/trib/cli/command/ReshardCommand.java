package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.NodeRefConverter;
import dev.trib.cli.Trib;
import dev.trib.cli.TribException;
import dev.trib.cli.mixin.ConfirmOptions;
import dev.trib.cli.mixin.ConnectionOptions;
import dev.trib.cli.mixin.MigrationOptionsMixin;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.mixin.RailOptions;
import dev.trib.cli.output.Listing;
import dev.trib.cli.output.Printer;
import dev.trib.cli.prompt.ReshardDialogue;
import dev.trib.commands.migrate.Journal;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.commands.ops.Preflight;
import dev.trib.commands.ops.ReshardOperation;
import dev.trib.planner.PlanningException;
import dev.trib.planner.alloc.MasterSlots;
import dev.trib.planner.alloc.ReshardPlanner;
import dev.trib.planner.alloc.ReshardRequest;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = ReshardCommand.NAME, description = "Move hash slots (and their keys) to a master, live; resumable.")
public final class ReshardCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "reshard";

    @ParentCommand
    Trib trib;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfirmOptions confirm;

    @Mixin
    MigrationOptionsMixin migration;

    @Mixin
    RailOptions rails;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST:PORT", converter = HostAndPortConverter.class,
            description = "Any node of the cluster (with --resume: defaults to the journal's).")
    HostAndPort entry;

    @Option(names = {"--from", "--cluster-from"}, split = ",", paramLabel = "ID[,ID...]|all",
            converter = NodeRefConverter.OrAll.class,
            description = "Source masters (ids or unique id prefixes), or 'all' for every master but the target.")
    List<String> from;

    @Option(names = {"--to", "--cluster-to"}, paramLabel = "ID", converter = NodeRefConverter.class,
            description = "The receiving master.")
    String to;

    @Option(names = {"--slots", "--cluster-slots"}, paramLabel = "N", description = "How many slots to move.")
    Integer slots;

    @Option(names = {"--dry-run", "--simulate", "--cluster-simulate"},
            description = "Print the slot-by-slot plan and change nothing.")
    boolean dryRun;

    @Option(names = "--plan-out", paramLabel = "FILE", description = "Write the plan to FILE and change nothing.")
    Path planOut;

    @Option(names = "--plan", paramLabel = "FILE", description = "Apply a plan written by --plan-out.")
    Path planFile;

    @Option(names = "--resume", description = "Finish an interrupted reshard from its journal "
            + "(--journal FILE, or the newest unfinished one in ~/.trib/journals).")
    boolean resume;

    @Override
    public Integer call() {
        if (slots != null && (slots < 1 || slots > 16384)) {
            throw new ParameterException(spec.commandLine(), "--slots must be from 1 to 16384, not " + slots);
        }
        if (planFile != null && !java.nio.file.Files.isReadable(planFile)) {
            throw new ParameterException(spec.commandLine(), "--plan " + planFile + ": no such readable file");
        }
        Journal.warmUpAsync();
        try (Session session = Session.open(spec, trib.context(), connection, output)) {
            MigrationOptions options = migration.options(session.settings());
            ReshardOperation operation = new ReshardOperation(session.connector());
            Journal journal;
            ClusterSnapshot snapshot;
            if (resume) {
                MigrationRun.Resumable r = MigrationRun.resumable(session, operation, migration.journal, entry,
                        "reshard");
                if (r == null) {
                    return ExitCodes.OK;
                }
                journal = r.journal();
                snapshot = r.snapshot();
                options = journal.options(options);
            } else {
                if (entry == null) {
                    throw new ParameterException(spec.commandLine(), "Missing HOST:PORT (only --resume can do without)");
                }
                Preflight preflight = operation.preflight(entry);
                snapshot = preflight.snapshot();
                List<SlotMove> moves = planFile != null ? savedPlan(snapshot) : plan(snapshot);
                ReshardOperation.admit(preflight, NAME, moves, false).forEach(session.progress()::warning);
                printSummary(session.progress(), snapshot, moves, dryRun);
                List<String> refusals = MigrationRun.rails(session, snapshot, moves, rails,
                        dryRun || planOut != null || rails.preflight);
                if (rails.preflight) {
                    return MigrationRun.preflight(session, snapshot, moves, refusals);
                }
                if (dryRun) {
                    if (!session.json()) {
                        // redis-cli's --cluster-simulate lines, which scripts may parse.
                        for (SlotMove m : moves) {
                            session.printer().line("Moving slot " + m.slot() + " from " + m.sourceId() + " to "
                                    + m.targetId());
                        }
                    }
                    return MigrationRun.planOnly(session, snapshot, moves, null);
                }
                List<String> ids = snapshot.masters().stream().map(NodeReport::id).toList();
                if (planOut != null) {
                    Journal.create(planOut, "reshard-plan", entry.toString(), moves, ids, options);
                    session.printer().ok("Plan of " + moves.size() + " slot moves written to " + planOut
                            + "; apply it with: trib reshard " + entry + " --plan " + planOut);
                    return MigrationRun.planOnly(session, snapshot, moves, planOut);
                }
                if (!confirm.assumeYes(trib.context())
                        && !trib.context().prompter().confirm("Do you want to proceed with the proposed reshard plan?")) {
                    throw new TribException(ExitCodes.PROBLEMS, "Aborted: no slot was moved.");
                }
                Path path = migration.journal != null ? migration.journal : Journal.newDefaultPath("reshard");
                journal = Journal.create(path, "reshard", entry.toString(), moves, ids, options);
            }
            return MigrationRun.run(session, trib.context().stdoutIsTerminal(), output.quiet, "reshard", snapshot,
                    journal, options);
        }
    }

    /** A plan file's moves, refused in one line unless it was made for this cluster as it still is. */
    private List<SlotMove> savedPlan(ClusterSnapshot snapshot) {
        Journal saved = Journal.load(planFile);
        ReshardOperation.requirePlanApplies(saved, snapshot);
        return saved.moves();
    }

    /** From the options, asking for what is missing as redis-cli does. */
    private List<SlotMove> plan(ClusterSnapshot snapshot) {
        Printer dialogue = new Printer(spec.commandLine().getErr(), output.color(trib.context()), false);
        ReshardDialogue.Answers a = new ReshardDialogue(trib.context().prompter(), dialogue, snapshot)
                .ask(slots, to, from);
        try {
            return ReshardPlanner.plan(MasterSlots.fromSnapshot(snapshot),
                    new ReshardRequest(a.sourceIds(), a.targetId(), a.slots())).moves();
        } catch (PlanningException e) {
            throw new OperationRefusedException(e.getMessage());
        }
    }

    /** The plan as source -> target lines; capped on big clusters unless {@code whole} (a dry run). */
    static void printSummary(Printer p, ClusterSnapshot snapshot, List<SlotMove> moves, boolean whole) {
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (SlotMove m : moves) {
            bySource.computeIfAbsent(m.sourceId() + " -> " + m.targetId(), k -> new ArrayList<>()).add(m.slot());
        }
        p.step("Plan: " + moves.size() + " slots");
        List<String> lines = new ArrayList<>();
        for (var e : bySource.entrySet()) {
            String[] pair = e.getKey().split(" -> ");
            lines.add("  " + e.getValue().size() + " slots from " + label(snapshot, pair[0]) + " to "
                    + label(snapshot, pair[1]) + ": " + SlotSet.of(e.getValue()).summary(16));
        }
        Listing.print(p, lines, whole, "moves", "--dry-run or --plan-out FILE lists every one");
    }

    private static String label(ClusterSnapshot snapshot, String id) {
        Optional<NodeReport> n = snapshot.node(id);
        return n.map(r -> r.address() + " (" + r.self().shortId() + ")").orElse(id);
    }
}
