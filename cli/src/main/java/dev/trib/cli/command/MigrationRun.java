package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribException;
import dev.trib.cli.mixin.MigrationOptionsMixin;
import dev.trib.cli.mixin.RailOptions;
import dev.trib.cli.output.Json;
import dev.trib.cli.output.MigrationProgress;
import dev.trib.commands.migrate.Journal;
import dev.trib.commands.migrate.KeySizes;
import dev.trib.commands.migrate.MigrationEngine;
import dev.trib.commands.migrate.MigrationException;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.migrate.MigrationRefusedException;
import dev.trib.commands.ops.BigKeyRail;
import dev.trib.commands.measure.CapacityRail;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.commands.ops.Preflight;
import dev.trib.commands.ops.ReshardOperation;
import dev.trib.planner.alloc.CapacityCheck;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a journal's moves for reshard and rebalance alike: progress, Ctrl-C (finish the round in flight, close
 * it, say how to resume), and the closing summary.
 */
final class MigrationRun {
    private MigrationRun() {
    }

    /** What reshard or rebalance does once its cluster passed the preflight: plan, then write or run the moves. */
    interface Planned {
        int run(Session session, Preflight preflight, MigrationOptions options);
    }

    /**
     * The skeleton reshard and rebalance share: opens the session; --resume finishes the journal; otherwise
     * HOST:PORT is required, the cluster is checked, and {@code planned} takes over.
     */
    static int openAndRun(ClusterAccess cluster, MigrationOptionsMixin migration, HostAndPort entry, boolean resume,
                          String command, Planned planned) {
        Journal.warmUpAsync();
        try (Session session = cluster.open()) {
            MigrationOptions options = migration.options(session.settings());
            ReshardOperation operation = new ReshardOperation(session.connector());
            if (resume) {
                return resume(session, operation, migration.journal, entry, command, options);
            }
            if (entry == null) {
                throw cluster.usage("Missing HOST:PORT (only --resume can do without)");
            }
            return planned.run(session, operation.preflight(entry), options);
        }
    }

    /**
     * --resume: finishes the moves the journal (see {@link #resumable}) has left, with the options it was started
     * with; exit 0 at once when it is finished already.
     */
    static int resume(Session session, ReshardOperation operation, Path given, HostAndPort entry, String command,
                      MigrationOptions options) {
        Resumable r = resumable(session, operation, given, entry, command);
        return r == null ? ExitCodes.OK
                : run(session, command, r.snapshot(), r.journal(), r.journal().options(options));
    }

    /** --plan-out: the moves written to a plan file for a later --plan; nothing is changed. */
    static int writePlan(Session session, String command, HostAndPort entry, ClusterSnapshot snapshot,
                         List<SlotMove> moves, Path planOut, MigrationOptions options) {
        Journal.create(planOut, command + "-plan", entry.toString(), moves, masterIds(snapshot), options);
        session.printer().ok("Plan of " + moves.size() + " slot moves written to " + planOut
                + "; apply it with: trib " + command + " " + entry + " --plan " + planOut);
        return planOnly(session, snapshot, moves, planOut);
    }

    /**
     * Records the moves in a journal (--journal FILE, or a new one in ~/.trib/journals), with what the rails
     * measured of their keys, then runs them.
     */
    static int start(Session session, String command, HostAndPort entry, ClusterSnapshot snapshot,
                     List<SlotMove> moves, Path journalPath, MigrationOptions options, KeySizes sizes) {
        Journal journal = Journal.create(journalPath != null ? journalPath : Journal.newDefaultPath(command), command,
                entry.toString(), moves, masterIds(snapshot), options, sizes);
        return run(session, command, snapshot, journal, options);
    }

    private static List<String> masterIds(ClusterSnapshot snapshot) {
        return snapshot.masters().stream().map(NodeReport::id).toList();
    }

    /**
     * The safety rails, before anything moves. Capacity: each target with a maxmemory and what the plan gives it,
     * refused in one line when one would go above its limit. Big keys: the keys whose move would block their
     * master longer than half the node timeout, named, and refused. With --force / --allow-big-keys, or when only
     * planning (dry run, plan file, preflight), each is a warning instead.
     *
     * @return what would have been refused (when only planning), one line each, and what was measured of the keys
     */
    static Rails rails(Session session, ClusterSnapshot snapshot, List<SlotMove> moves, RailOptions rails,
                       boolean planOnly) {
        List<String> refusals = new ArrayList<>();
        List<CapacityCheck.Change> changes = new CapacityRail(session.connector()).estimate(snapshot, moves);
        changes.forEach(c -> session.progress().detail("  " + c.describe()));
        if (rails.force || planOnly) {
            changes.stream().filter(CapacityCheck.Change::overflows).forEach(c -> {
                session.progress().warning(c.overflow() + (rails.force ? " (--force)." : "."));
                if (!rails.force) {
                    refusals.add(c.overflow() + ".");
                }
            });
        } else {
            CapacityRail.refuseOverflow(changes);
        }
        BigKeyRail.Result big = new BigKeyRail(session.connector()).find(snapshot, moves, rails.bytesPerSecond());
        if (rails.allowBigKeys || planOnly) {
            big.blocking().forEach(k -> {
                String line = k.describe() + ", more than half the cluster-node-timeout (" + big.nodeTimeoutMs()
                        + " ms)";
                session.progress().warning(line + (rails.allowBigKeys ? " (--allow-big-keys)." : "."));
                if (!rails.allowBigKeys) {
                    refusals.add(line + ".");
                }
            });
        } else {
            BigKeyRail.refuse(big);
        }
        return new Rails(refusals, big.sizes());
    }

    /**
     * What the rails found.
     *
     * @param refusals what would have been refused (when only planning), one line each
     * @param sizes    the big keys (moved alone, last in their slot) and mean key sizes, for the engine
     */
    record Rails(List<String> refusals, KeySizes sizes) {
    }

    /**
     * --preflight's answer: the plan (printed before) and what the rails would refuse; exit 1 when anything, with
     * nothing moved either way.
     */
    static int preflight(Session session, ClusterSnapshot snapshot, List<SlotMove> moves, List<String> refusals) {
        int code = refusals.isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        if (session.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", code);
            doc.put("dryRun", true);
            doc.put("changed", false);
            doc.put("refusals", refusals);
            doc.put("plan", plan(snapshot, moves));
            Json.print(session.out(), doc);
        }
        if (refusals.isEmpty()) {
            session.printer().ok("Preflight passed: no rail would refuse the plan (" + moves.size() + " slot move"
                    + (moves.size() == 1 ? "" : "s") + "). Nothing was moved.");
        } else {
            session.printer().error("Preflight: " + refusals.size() + " problem" + (refusals.size() == 1 ? "" : "s")
                    + " would refuse this run (--force / --allow-big-keys override). Nothing was moved.");
        }
        return code;
    }

    /** A journal to resume and the cluster it belongs to, checked. */
    record Resumable(Journal journal, ClusterSnapshot snapshot) {
    }

    /**
     * The journal --resume means (--journal FILE; else the newest unfinished one of this command for the cluster at
     * {@code entry}; else the newest unfinished one of this command), refused unless it belongs to the cluster it
     * is resumed on; null (after saying so) when it is finished already. Prints the warnings and what is left.
     */
    static Resumable resumable(Session session, ReshardOperation operation, Path given, HostAndPort entry,
                               String command) {
        Journal journal;
        Preflight preflight;
        if (given == null && entry != null) {
            preflight = operation.preflight(entry);
            ClusterSnapshot s = preflight.snapshot();
            journal = Journal.all().stream().filter(j -> j.kind().equals(command) && !j.finished())
                    .filter(j -> belongsTo(j, s)).findFirst().orElseThrow(() -> new OperationRefusedException(
                            "No unfinished " + command + " journal of the cluster at " + entry + " in "
                                    + Journal.defaultDirectory() + " ('trib journal list' shows them all): give "
                                    + "--journal FILE."));
        } else {
            journal = given != null ? Journal.load(given) : Journal.latestUnfinished(command).orElseThrow(
                    () -> new OperationRefusedException("No unfinished " + command + " journal in "
                            + Journal.defaultDirectory() + ": give --journal FILE."));
            if (journal.finished()) {
                nothingToResume(session, journal);
                return null;
            }
            preflight = operation.preflight(entry != null ? entry : HostAndPort.parse(journal.entry()));
        }
        ReshardOperation.requireSameCluster(journal, preflight.snapshot());
        ReshardOperation.admit(preflight, command, journal.remaining(), true).forEach(session.progress()::warning);
        session.progress().step("Resuming " + ReshardOperation.actuallyLeft(journal, preflight.snapshot()).size()
                + " of " + journal.moves().size() + " slot moves from " + journal.path());
        return new Resumable(journal, preflight.snapshot());
    }

    private static boolean belongsTo(Journal j, ClusterSnapshot s) {
        try {
            ReshardOperation.requireSameCluster(j, s);
            return true;
        } catch (OperationRefusedException other) {
            return false;
        }
    }

    /** A plan shown (--dry-run) or written (--plan-out) but not run: its document under --json. */
    static int planOnly(Session session, ClusterSnapshot snapshot, List<SlotMove> moves, Path planFile) {
        if (session.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", ExitCodes.OK);
            doc.put("dryRun", planFile == null);
            doc.put("changed", false);
            doc.put("planFile", planFile == null ? null : planFile.toString());
            doc.put("plan", plan(snapshot, moves));
            Json.print(session.out(), doc);
        }
        return ExitCodes.OK;
    }

    /** Nothing to move (balanced already, or the journal is finished): one line, and its document under --json. */
    static int nothingToDo(Session session, String reason, Map<String, Object> more) {
        if (session.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", ExitCodes.OK);
            doc.put("changed", false);
            doc.put("reason", reason);
            doc.putAll(more);
            Json.print(session.out(), doc);
        }
        return ExitCodes.OK;
    }

    static int nothingToResume(Session session, Journal journal) {
        session.printer().ok("Journal " + journal.path() + " is finished: nothing to resume.");
        return nothingToDo(session, "journal finished", Map.of("journal", journal.path().toString()));
    }

    /** The moves per source and target, slots as ranges: {slotCount, moves: [{source, target, slots, slotCount}]}. */
    static Map<String, Object> plan(ClusterSnapshot snapshot, List<SlotMove> moves) {
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (var e : byPair(moves).entrySet()) {
            String[] ids = e.getKey().split(" ");
            SlotSet slots = e.getValue();
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("source", ref(snapshot, ids[0]));
            pair.put("target", ref(snapshot, ids[1]));
            pair.put("slots", slots.toString());
            pair.put("slotCount", slots.size());
            pairs.add(pair);
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("slotCount", moves.size());
        plan.put("moves", pairs);
        return plan;
    }

    /** The moves' slots per "sourceId targetId", in plan order. */
    static Map<String, SlotSet> byPair(List<SlotMove> moves) {
        Map<String, List<Integer>> slots = new LinkedHashMap<>();
        for (SlotMove m : moves) {
            slots.computeIfAbsent(m.sourceId() + " " + m.targetId(), k -> new ArrayList<>()).add(m.slot());
        }
        Map<String, SlotSet> out = new LinkedHashMap<>();
        slots.forEach((pair, list) -> out.put(pair, SlotSet.of(list)));
        return out;
    }

    private static Map<String, Object> ref(ClusterSnapshot snapshot, String id) {
        return snapshot.node(id).map(Json::nodeRef).orElseGet(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            return m;
        });
    }

    static int run(Session session, String command, ClusterSnapshot snapshot, Journal journal,
                   MigrationOptions options) {
        ReshardOperation operation = new ReshardOperation(session.connector());
        int total = journal.moves().size();
        MigrationProgress progress = new MigrationProgress(session.errWriter(), session.terminal(), session.quiet(),
                total, journal.doneCount());
        long started = System.nanoTime();
        try (Interruption ctrlC = Interruption.onCtrlC(operation::requestStop)) {
            MigrationEngine.Result result;
            try {
                result = operation.run(snapshot, journal, options, progress);
            } catch (MigrationRefusedException e) {
                progress.finish();
                throw new TribException(ExitCodes.PROBLEMS, e.getMessage() + ". Nothing was moved.");
            } catch (MigrationException e) {
                progress.finish();
                throw new TribException(ExitCodes.PROBLEMS, e.getMessage() + ". Progress is in " + journal.path()
                        + ": once the cause is fixed, run 'trib " + command + " --resume --journal "
                        + journal.path() + "'.");
            }
            progress.finish();
            double seconds = (System.nanoTime() - started) / 1e9;
            String interrupted = "Interrupted after " + journal.doneCount() + " of " + total
                    + " slots; every slot is closed. Resume with: trib " + command + " --resume --journal "
                    + journal.path();
            if (session.json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("exitCode", result.stopped() ? ExitCodes.INTERRUPTED : ExitCodes.OK);
                doc.put("error", result.stopped() ? interrupted : null);
                doc.put("changed", result.slotsMoved() > 0);
                doc.put("slotsMoved", result.slotsMoved());
                doc.put("keysMoved", result.keysMoved());
                doc.put("seconds", Math.round(seconds * 1000) / 1000.0);
                doc.put("keysPerSecond", Math.round(result.keysMoved() / Math.max(seconds, 0.001)));
                doc.put("interrupted", result.stopped());
                doc.put("journal", journal.path().toString());
                Json.print(session.out(), doc);
            }
            if (result.stopped()) {
                session.errWriter().println("[ERR] " + interrupted);
                session.errWriter().flush();
                return ExitCodes.INTERRUPTED;
            }
            if (!session.json()) {
                session.printer().ok(String.format(Locale.ROOT, "Moved %d slots and %d keys in %.2f s (%.0f keys/s).",
                        result.slotsMoved(), result.keysMoved(), seconds, result.keysMoved() / Math.max(seconds,
                                0.001)));
            }
            return ExitCodes.OK;
        }
    }
}
