package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribException;
import dev.trib.cli.mixin.MigrationOptionsMixin;
import dev.trib.cli.mixin.RailOptions;
import dev.trib.cli.mixin.ResumableEntry;
import dev.trib.cli.output.Json;
import dev.trib.cli.output.Listing;
import dev.trib.commands.measure.SlotMeasures;
import dev.trib.commands.migrate.Journal;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.ops.NodeIds;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.commands.ops.Preflight;
import dev.trib.commands.ops.ReshardOperation;
import dev.trib.planner.PlanningException;
import dev.trib.planner.alloc.MeasureBalancer;
import dev.trib.planner.alloc.RebalanceNode;
import dev.trib.planner.alloc.RebalanceOptions;
import dev.trib.planner.alloc.RebalancePlan;
import dev.trib.planner.alloc.RebalancePlanner;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = RebalanceCommand.NAME,
        description = "Even out slots, keys or memory across masters (by weight), moving as little "
        + "as possible.")
public final class RebalanceCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "rebalance";

    @Mixin
    ClusterAccess cluster;

    @Mixin
    MigrationOptionsMixin migration;

    @Mixin
    ResumableEntry entry;

    @Mixin
    RailOptions rails;

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

    @Option(names = "--plan-out", paramLabel = "FILE", description = "Write the plan to FILE and change nothing.")
    Path planOut;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Apply a plan written by --plan-out, once checked that it still applies to the cluster.")
    Path planFile;

    /** What is balanced. */
    enum Measure { slots, keys, memory }

    @Option(names = "--by", paramLabel = "slots|keys|memory", defaultValue = "slots",
            description = "Balance slot counts (default, as redis-cli), keys (COUNTKEYSINSLOT per slot) or memory "
                    + "(MEMORY USAGE of sampled keys per slot); weights and --threshold apply to it.")
    Measure by;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "10",
            description = "With --by memory: keys sampled per slot (default: ${DEFAULT-VALUE}).")
    int sample;

    @Override
    public Integer call() {
        if (threshold < 0) {
            throw cluster.usage("--threshold must be 0 or more");
        }
        if (sample < 1) {
            throw cluster.usage("--sample must be at least 1");
        }
        weights.forEach((prefix, w) -> {
            NodeIds.malformed(prefix).ifPresent(problem -> {
                throw cluster.usage("--weight " + prefix + "=" + w + ": " + problem);
            });
            if (w < 0 || w.isNaN() || w.isInfinite()) {
                throw cluster.usage("--weight " + prefix + "=" + w
                        + ": weights are 0 or more");
            }
        });
        if (planFile != null && (planOut != null || resume)) {
            throw cluster.usage("--plan applies a saved plan: it cannot be combined with "
                    + (planOut != null ? "--plan-out" : "--resume"));
        }
        if (planOut != null && resume) {
            throw cluster.usage("--plan-out cannot be combined with --resume");
        }
        return MigrationRun.openAndRun(cluster, migration, entry.address, resume, NAME, this::planAndRun);
    }

    private int planAndRun(Session session, Preflight preflight, MigrationOptions options) {
        ClusterSnapshot snapshot = preflight.plannable();
        Map<String, Double> byId = new LinkedHashMap<>();
        weights.forEach((prefix, w) -> {
            NodeIds.malformed(prefix).ifPresent(problem -> {
                throw cluster.usage("--weight " + prefix + "=" + w + ": " + problem);
            });
            byId.put(NodeIds.master(snapshot.nodes(), prefix, "--weight applies to masters").id(), w);
        });
        List<SlotMove> moves = planFile != null ? savedPlan(session, snapshot)
                : by == Measure.slots ? planBySlots(session, snapshot, byId)
                : planByMeasure(session, snapshot, byId);
        if (moves == null) {
            return balanced(session, snapshot);
        }
        if (moves.isEmpty()) {
            throw new TribException(ExitCodes.PROBLEMS,
                    "No whole-slot move brings the cluster closer to balance: nothing was moved.");
        }
        ReshardOperation.admit(preflight, NAME, moves, false).forEach(session.progress()::warning);
        ReshardCommand.printSummary(session.progress(), snapshot, moves, dryRun);
        MigrationRun.Rails checked = MigrationRun.rails(session, snapshot, moves, rails,
                dryRun || planOut != null || rails.preflight);
        if (rails.preflight) {
            return MigrationRun.preflight(session, snapshot, moves, checked.refusals());
        }
        if (dryRun) {
            return MigrationRun.planOnly(session, snapshot, moves, null);
        }
        if (planOut != null) {
            return MigrationRun.writePlan(session, NAME, entry.address, snapshot, moves, planOut, options);
        }
        return MigrationRun.start(session, NAME, entry.address, snapshot, moves, migration.journal, options,
                checked.sizes());
    }

    /** The moves of a plan file, refused in one line unless it was made for this cluster as it still is. */
    private List<SlotMove> savedPlan(Session session, ClusterSnapshot snapshot) {
        Journal saved = Journal.load(planFile);
        ReshardOperation.requirePlanApplies(saved, snapshot);
        if (saved.moves().isEmpty()) {
            throw new OperationRefusedException("Plan " + planFile + " moves no slot: nothing was moved.");
        }
        session.progress().step("Applying the plan in " + planFile + " (made " + saved.created() + ")");
        return saved.moves();
    }

    /** Why nothing needs to move, as printed. */
    private String balancedReason;

    /**
     * Nothing to move. Masters without slots take no part unless --use-empty-masters: a new master left empty is
     * named, with the option that gives it its share.
     */
    private int balanced(Session session, ClusterSnapshot snapshot) {
        List<NodeReport> empty = useEmptyMasters ? List.of() : snapshot.masters().stream()
                .filter(m -> m.self().slots().isEmpty()).toList();
        for (NodeReport m : empty) {
            session.printer().warning("Master " + m.address() + " (" + m.self().shortId() + ") holds no slots and "
                    + "was left out: add --use-empty-masters to give it its share.");
        }
        Map<String, Object> more = new LinkedHashMap<>();
        more.put("emptyMasters", empty.stream().map(Json::nodeRef).toList());
        return MigrationRun.nothingToDo(session, balancedReason, more);
    }

    /** The moves balancing slot counts; null when nothing needs to move (the reason is printed). */
    private List<SlotMove> planBySlots(Session session, ClusterSnapshot snapshot, Map<String, Double> byId) {
        RebalancePlan plan;
        try {
            plan = RebalancePlanner.plan(RebalanceNode.fromSnapshot(snapshot, byId),
                    new RebalanceOptions(threshold, useEmptyMasters));
        } catch (PlanningException e) {
            throw new OperationRefusedException(e.getMessage());
        }
        if (plan.withinThreshold()) {
            session.printer().line(plan.reason());
            balancedReason = plan.reason();
            return null;
        }
        session.progress().step("Rebalancing across " + plan.expectedSlots().size() + " masters: "
                + plan.reason());
        List<String> lines = new ArrayList<>();
        for (NodeReport m : snapshot.masters()) {
            Integer after = plan.expectedSlots().get(m.id());
            if (after != null) {
                lines.add(String.format(Locale.ROOT, "  %s (%s) weight %s: %d -> %d slots",
                        m.address(), m.self().shortId(), weightText(byId.getOrDefault(m.id(), 1.0)),
                        m.self().slots().size(), after));
            }
        }
        Listing.print(session.progress(), lines, dryRun, "masters", "--dry-run lists every one");
        return plan.moves();
    }

    /** The moves balancing keys or memory, picked slot by slot; null when nothing needs to move. */
    private List<SlotMove> planByMeasure(Session session, ClusterSnapshot snapshot, Map<String, Double> byId) {
        SlotMeasures measures = new SlotMeasures(session.connector());
        String unit = by == Measure.keys ? "keys" : "bytes";
        Map<Integer, Double> perSlot = by == Measure.keys ? measures.keys(snapshot)
                : measures.memory(snapshot, sample);
        List<MeasureBalancer.Master> masters = snapshot.masters().stream()
                .map(m -> new MeasureBalancer.Master(m.id(), m.self().slots(), byId.getOrDefault(m.id(), 1.0)))
                .toList();
        MeasureBalancer.Result plan;
        try {
            plan = MeasureBalancer.plan(masters, perSlot, threshold, useEmptyMasters, unit);
        } catch (PlanningException e) {
            throw new OperationRefusedException(e.getMessage());
        }
        String how = by == Measure.keys ? "by keys" : "by memory, estimated from up to " + sample
                + " sampled keys per slot";
        if (plan.balanced()) {
            balancedReason = String.format(Locale.ROOT,
                    "*** No rebalancing needed! All nodes are within the %.2f%% threshold (%s).", threshold, how);
            session.printer().line(balancedReason);
            return null;
        }
        session.progress().step("Rebalancing " + how + " across " + plan.share().size() + " masters, moving "
                + number(plan.measureMoved()) + " " + unit);
        List<String> lines = new ArrayList<>();
        for (NodeReport m : snapshot.masters()) {
            Double before = plan.before().get(m.id());
            if (before != null) {
                lines.add(String.format(Locale.ROOT, "  %s (%s) weight %s: %s -> %s %s (share %s)",
                        m.address(), m.self().shortId(), weightText(byId.getOrDefault(m.id(), 1.0)), number(before),
                        number(plan.after().get(m.id())), unit, number(plan.share().get(m.id()))));
            }
        }
        Listing.print(session.progress(), lines, dryRun, "masters", "--dry-run lists every one");
        plan.notes().forEach(session.progress()::warning);
        return plan.moves();
    }

    private static String number(double d) {
        return Long.toString(Math.round(d));
    }

    private static String weightText(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }
}
