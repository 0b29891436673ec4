package dev.trib.cli.command;

import dev.trib.cli.NodeRefConverter;
import dev.trib.cli.mixin.MigrationOptionsMixin;
import dev.trib.cli.mixin.RailOptions;
import dev.trib.cli.mixin.ResumableEntry;
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
import dev.trib.planner.topology.SlotSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Mixin
    ClusterAccess cluster;

    @Mixin
    MigrationOptionsMixin migration;

    @Mixin
    ResumableEntry entry;

    @Mixin
    RailOptions rails;

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
            throw cluster.usage("--slots must be from 1 to 16384, not " + slots);
        }
        if (planFile != null && !java.nio.file.Files.isReadable(planFile)) {
            throw cluster.usage("--plan " + planFile + ": no such readable file");
        }
        return MigrationRun.openAndRun(cluster, migration, entry.address, resume, NAME, this::planAndRun);
    }

    private int planAndRun(Session session, Preflight preflight, MigrationOptions options) {
        ClusterSnapshot snapshot = preflight.snapshot();
        List<SlotMove> moves = planFile != null ? savedPlan(snapshot) : plan(snapshot);
        ReshardOperation.admit(preflight, NAME, moves, false).forEach(session.progress()::warning);
        printSummary(session.progress(), snapshot, moves, dryRun);
        MigrationRun.Rails checked = MigrationRun.rails(session, snapshot, moves, rails,
                dryRun || planOut != null || rails.preflight);
        if (rails.preflight) {
            return MigrationRun.preflight(session, snapshot, moves, checked.refusals());
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
        if (planOut != null) {
            return MigrationRun.writePlan(session, NAME, entry.address, snapshot, moves, planOut, options);
        }
        cluster.confirmOrAbort("Do you want to proceed with the proposed reshard plan?",
                "Aborted: no slot was moved.");
        return MigrationRun.start(session, NAME, entry.address, snapshot, moves, migration.journal, options,
                checked.sizes());
    }

    /** A plan file's moves, refused in one line unless it was made for this cluster as it still is. */
    private List<SlotMove> savedPlan(ClusterSnapshot snapshot) {
        Journal saved = Journal.load(planFile);
        ReshardOperation.requirePlanApplies(saved, snapshot);
        return saved.moves();
    }

    /** From the options, asking for what is missing as redis-cli does. */
    private List<SlotMove> plan(ClusterSnapshot snapshot) {
        Printer dialogue = new Printer(cluster.spec.commandLine().getErr(), cluster.output.color(cluster.context()),
                false);
        ReshardDialogue.Answers a = new ReshardDialogue(cluster.context().prompter(), dialogue, snapshot)
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
