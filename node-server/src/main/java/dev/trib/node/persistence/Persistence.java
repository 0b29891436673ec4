package dev.trib.node.persistence;

import dev.trib.node.command.CommandDispatcher;
import dev.trib.node.command.CommandSink;
import dev.trib.node.log.ServerLog;
import dev.trib.node.replication.ReplicationLog;
import dev.trib.node.runtime.NodeRuntime;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Everything a node keeps on disk besides nodes.conf: dump.rdb ({@link RdbPersistence}), the
 * append-only file ({@link AppendOnlyFile}), the save points and the change counter they read.
 * Start-up loading, the periodic checks and shutdown go through here; commands and INFO reach
 * the parts through the server context. Used on the keyspace's event loop.
 */
public final class Persistence {
    private static final long BGSAVE_RETRY_MILLIS = 5000;

    private final NodeRuntime runtime;
    private final ServerLog log;
    private final ChangeCounter changes;
    private final ScheduledExecutorService background;
    private final RdbPersistence rdb;
    private final AppendOnlyFile aof;
    private ScheduledFuture<?> cronTask;
    private boolean started;
    private boolean shutdownDone;

    /** @param replication where writes go after being counted; the AOF follows it, snapshots record its offset */
    public Persistence(NodeRuntime runtime, ServerLog log, ReplicationLog replication) {
        this.runtime = runtime;
        this.log = log;
        this.changes = new ChangeCounter(replication);
        // Two threads: a long background save must not hold up the once-a-second AOF fsync.
        this.background = Executors.newScheduledThreadPool(2, new DefaultThreadFactory("node-persist", true));
        this.rdb = new RdbPersistence(runtime, log, replication, changes, background);
        this.aof = new AppendOnlyFile(runtime, log, replication, background);
    }

    /** Where the dispatcher propagates writes: counted here, then passed on to the stream. */
    public CommandSink sink() {
        return changes;
    }

    public RdbPersistence rdb() {
        return rdb;
    }

    public AppendOnlyFile aof() {
        return aof;
    }

    /**
     * Loads the dataset at start-up, on the event loop, before clients are accepted: the AOF when
     * appendonly is yes and one exists (it is more recent than any RDB), else dump.rdb. Then starts
     * appending when the AOF is on, and the periodic checks.
     *
     * @throws IllegalStateException when a file exists but cannot be loaded: the node must not start
     */
    public void start(CommandDispatcher dispatcher, ScheduledExecutorService loop) {
        boolean appendOnly = runtime.config().getBool("appendonly");
        AofManifest manifest = appendOnly ? aof.readManifest() : null;
        if (manifest != null) {
            long started = System.nanoTime();
            new AofLoader(dispatcher, runtime.keyspace(), log, runtime.config().getBool("aof-load-truncated"))
                    .load(aof.directory(), manifest);
            log.notice(String.format(Locale.ROOT, "DB loaded from append only file: %.3f seconds",
                    (System.nanoTime() - started) / 1e9));
        } else if (rdb.loadIfPresent() && appendOnly) {
            // Redis 7.0 would start empty here and lose dump.rdb's data; its keys become the AOF's base instead.
            log.notice("No append only file yet: the RDB's keys become its base");
        }
        changes.saved(changes.changes());
        if (appendOnly) {
            aof.startAfterLoad(manifest);
        }
        runtime.afterCommands(aof::flush);
        cronTask = loop.scheduleAtFixedRate(this::cron, 100, 100, TimeUnit.MILLISECONDS);
        background.scheduleAtFixedRate(aof::fsyncIfDue, 1, 1, TimeUnit.SECONDS);
        started = true;
    }

    /** Ten times a second: a BGSAVE when a save point is reached, a pending AOF rewrite. */
    private void cron() {
        try {
            long now = runtime.clock().nowMillis();
            SavePoints points = SavePoints.parse(runtime.config().get("save"));
            long secondsSinceSave = (now - rdb.lastSaveMillis()) / 1000;
            SavePoints.Point reached = points.reached(changes.changes(), secondsSinceSave);
            // After a failed save, Redis waits a little before trying again rather than retrying at every tick.
            boolean mayRetry = rdb.lastBgsaveOk() || now - rdb.lastBgsaveTryMillis() > BGSAVE_RETRY_MILLIS;
            if (reached != null && mayRetry && !rdb.inProgress()) {
                log.notice(reached.changes() + " changes in " + reached.seconds() + " seconds. Saving...");
                rdb.backgroundSave();
            }
            aof.cron(now);
        } catch (RuntimeException e) {
            log.warning("persistence cron failed: " + e);
        }
    }

    /** CONFIG SET appendonly. */
    public void appendOnlyChanged() {
        if (runtime.config().getBool("appendonly")) {
            aof.enable();
        } else {
            aof.disable();
        }
    }

    /** How SHUTDOWN was asked to treat the RDB. */
    public enum ShutdownSave { DEFAULT, SAVE, NOSAVE }

    /**
     * Before the process ends (SHUTDOWN, or SIGTERM via the launcher): the AOF written and synced,
     * and a final RDB save when save points are configured or SAVE was given (NOSAVE skips it).
     *
     * @return false when the save failed and the node should keep running (unless FORCE)
     */
    public boolean prepareShutdown(ShutdownSave mode, boolean force) {
        if (shutdownDone || !started) {
            return true; // a node that failed to load must not overwrite the files it could not read
        }
        aof.flushAndSync();
        boolean wanted = mode == ShutdownSave.SAVE
                || (mode == ShutdownSave.DEFAULT && SavePoints.parse(runtime.config().get("save")).enabled());
        if (wanted) {
            rdb.awaitBackgroundSave();
            log.notice("Saving the final RDB snapshot before exiting.");
            if (!rdb.save() && !force) {
                log.warning("Error trying to save the DB, can't exit.");
                return false;
            }
        }
        shutdownDone = true;
        return true;
    }

    /** Stops the periodic work and closes the files; runs on the event loop. */
    public void close() {
        if (cronTask != null) {
            cronTask.cancel(false);
        }
        aof.close();
        background.shutdown();
    }

    /** The INFO persistence section, in redis-server's order. */
    public Map<String, Object> info() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("loading", 0);
        out.put("async_loading", 0);
        out.put("current_cow_peak", 0);
        out.put("current_cow_size", 0);
        out.put("current_cow_size_age", 0);
        out.put("current_fork_perc", "0.00");
        out.put("current_save_keys_processed", 0);
        out.put("current_save_keys_total", 0);
        rdb.info(out);
        aof.info(out);
        out.put("module_fork_in_progress", 0);
        out.put("module_fork_last_cow_size", 0);
        return out;
    }
}
