package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribException;
import dev.trib.cli.output.Json;
import dev.trib.cli.output.MigrationProgress;
import dev.trib.commands.migrate.Journal;
import dev.trib.commands.migrate.MigrationEngine;
import dev.trib.commands.migrate.MigrationException;
import dev.trib.commands.migrate.MigrationRefusedException;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.ops.ReshardOperation;
import dev.trib.planner.check.ClusterSnapshot;

import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.topology.SlotSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a journal's moves for reshard and rebalance alike: progress, Ctrl-C (finish the round in flight, close
 * it, say how to resume), and the closing summary.
 */
final class MigrationRun {
    private MigrationRun() {
    }

    /** The journal a --resume names, or the newest unfinished one. */
    static Journal journalToResume(java.nio.file.Path given) {
        java.nio.file.Path path = given != null ? given : Journal.latestUnfinished().orElseThrow(
                () -> new dev.trib.commands.ops.OperationRefusedException("No unfinished journal in "
                        + Journal.defaultDirectory() + ": give --journal FILE."));
        return Journal.load(path);
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
        Map<String, List<Integer>> byPair = new LinkedHashMap<>();
        for (SlotMove m : moves) {
            byPair.computeIfAbsent(m.sourceId() + " " + m.targetId(), k -> new ArrayList<>()).add(m.slot());
        }
        List<Map<String, Object>> pairs = new ArrayList<>();
        for (var e : byPair.entrySet()) {
            String[] ids = e.getKey().split(" ");
            SlotSet slots = SlotSet.of(e.getValue());
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

    private static Map<String, Object> ref(ClusterSnapshot snapshot, String id) {
        return snapshot.node(id).map(Json::nodeRef).orElseGet(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            return m;
        });
    }

    static int run(Session session, boolean terminal, boolean quiet, String command, ClusterSnapshot snapshot,
                   Journal journal, MigrationOptions options) {
        ReshardOperation operation = new ReshardOperation(session.connector());
        int total = journal.moves().size();
        MigrationProgress progress = new MigrationProgress(session.errWriter(), terminal, quiet, total,
                journal.doneCount());
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            operation.requestStop();
            try {
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "trib-ctrl-c");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        long started = System.nanoTime();
        try {
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
                doc.put("exitCode", result.stopped() ? ExitCodes.PROBLEMS : ExitCodes.OK);
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
                return ExitCodes.PROBLEMS;
            }
            if (!session.json()) {
                session.printer().ok(String.format(Locale.ROOT, "Moved %d slots and %d keys in %.2f s (%.0f keys/s).",
                        result.slotsMoved(), result.keysMoved(), seconds, result.keysMoved() / Math.max(seconds,
                                0.001)));
            }
            return ExitCodes.OK;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C arrived: the hook is running and has just been released.
            }
        }
    }
}
