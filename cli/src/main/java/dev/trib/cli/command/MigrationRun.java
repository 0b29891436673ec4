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

import java.util.LinkedHashMap;
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
            if (session.json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("slotsMoved", result.slotsMoved());
                doc.put("keysMoved", result.keysMoved());
                doc.put("seconds", Math.round(seconds * 1000) / 1000.0);
                doc.put("keysPerSecond", Math.round(result.keysMoved() / Math.max(seconds, 0.001)));
                doc.put("interrupted", result.stopped());
                doc.put("journal", journal.path().toString());
                Json.print(session.out(), doc);
            }
            if (result.stopped()) {
                session.errWriter().println("[ERR] Interrupted after " + journal.doneCount() + " of " + total
                        + " slots; every slot is closed. Resume with: trib " + command + " --resume --journal "
                        + journal.path());
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
