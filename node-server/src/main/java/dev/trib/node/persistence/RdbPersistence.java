package dev.trib.node.persistence;

import dev.trib.node.config.ConfigParameters;
import dev.trib.node.log.ServerLog;
import dev.trib.planner.rdb.RdbFormatException;
import dev.trib.node.rdb.RdbSnapshot;
import dev.trib.node.replication.ReplicationLog;
import dev.trib.node.runtime.NodeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * dump.rdb: SAVE, BGSAVE and loading at start-up. Without fork() a background save serialises the
 * dataset on the event loop (a copy in memory, as fast as a full resync) and only the disk write,
 * the slow part, runs on a background thread. Every method but the background write runs on the
 * keyspace's event loop.
 */
public final class RdbPersistence {
    private final NodeRuntime runtime;
    private final ReplicationLog replication;
    private final ServerLog log;
    private final ChangeCounter changes;
    private final ExecutorService background;
    private long lastSaveMillis;
    private boolean lastBgsaveOk = true;
    private long bgsaveStartedMillis = -1;
    private long lastBgsaveSeconds = -1;
    private long lastBgsaveTryMillis;
    private Future<?> running;
    private RdbSnapshot.Loaded lastLoad;

    RdbPersistence(NodeRuntime runtime, ServerLog log, ReplicationLog replication, ChangeCounter changes,
                   ExecutorService background) {
        this.runtime = runtime;
        this.replication = replication;
        this.log = log;
        this.changes = changes;
        this.background = background;
        this.lastSaveMillis = runtime.clock().nowMillis();
    }

    /** dir/dbfilename as configured now (both can change at run time). */
    public Path file() {
        return Path.of(runtime.config().get(ConfigParameters.DIR)).resolve(runtime.config().get("dbfilename"));
    }

    /** SAVE: writes the file durably before returning; false (and a log line) when that failed. */
    public boolean save() {
        long changesAtStart = changes.changes();
        try {
            AtomicFile.write(file(), snapshot());
        } catch (IOException e) {
            log.warning("Failed saving the DB: " + e);
            return false;
        }
        saved(changesAtStart);
        log.notice("DB saved on disk");
        return true;
    }

    /** BGSAVE: false when one is already running. */
    public boolean backgroundSave() {
        if (inProgress()) {
            return false;
        }
        long now = runtime.clock().nowMillis();
        byte[] bytes = snapshot();
        long changesAtStart = changes.changes();
        Path target = file();
        bgsaveStartedMillis = now;
        lastBgsaveTryMillis = now;
        log.notice("Background saving started");
        running = background.submit(() -> {
            IOException failure = null;
            try {
                AtomicFile.write(target, bytes);
            } catch (IOException e) {
                failure = e;
            }
            IOException result = failure;
            runtime.keyspaceLoop().execute(() -> finished(changesAtStart, result));
        });
        return true;
    }

    private void finished(long changesAtStart, IOException failure) {
        lastBgsaveSeconds = (runtime.clock().nowMillis() - bgsaveStartedMillis) / 1000;
        bgsaveStartedMillis = -1;
        running = null;
        lastBgsaveOk = failure == null;
        if (failure == null) {
            saved(changesAtStart);
            log.notice("DB saved on disk");
            log.notice("Background saving terminated with success");
        } else {
            log.warning("Background saving error: " + failure);
        }
    }

    /** Lets a running background save finish (before a synchronous save at shutdown writes the same file). */
    void awaitBackgroundSave() {
        Future<?> f = running;
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warning("Background saving error: " + e.getCause());
        }
    }

    private void saved(long changesAtStart) {
        changes.saved(changesAtStart);
        lastSaveMillis = runtime.clock().nowMillis();
    }

    private byte[] snapshot() {
        ReplicationLog stream = replication;
        // Like redis-server: the replication position, so a restarted node can tell where its data stands.
        Map<String, String> aux = stream == null ? Map.of() : Map.of("repl-stream-db", "0",
                "repl-id", stream.replid(), "repl-offset", Long.toString(stream.offset()));
        return RdbSnapshot.write(runtime.keyspace(), aux);
    }

    /**
     * Loads dir/dbfilename into the (empty) keyspace when it exists.
     *
     * @return whether a file was loaded
     * @throws IllegalStateException when the file exists but cannot be read or is not a valid RDB file
     */
    boolean loadIfPresent() {
        Path f = file();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("Fatal error loading the DB: " + e + ". Exiting.", e);
        }
        long started = System.nanoTime();
        try {
            lastLoad = RdbSnapshot.load(bytes, runtime.keyspace());
        } catch (RdbFormatException e) {
            throw new IllegalStateException("Fatal error loading the DB " + f + ": " + e.getMessage() + ". Exiting.",
                    e);
        }
        String version = lastLoad.aux().get("redis-ver");
        if (version != null) {
            log.notice("Loading RDB produced by version " + version);
        }
        log.notice("Done loading RDB, keys loaded: " + lastLoad.keys() + ", keys expired: " + lastLoad.expired() + ".");
        log.notice(String.format(Locale.ROOT, "DB loaded from disk: %.3f seconds",
                (System.nanoTime() - started) / 1e9));
        return true;
    }

    /** DEBUG RELOAD: save (unless told not to), empty the dataset, load the file back. */
    public boolean reload(boolean saveFirst) {
        if (saveFirst && (inProgress() || !save())) {
            return false;
        }
        runtime.keyspace().flush();
        try {
            loadIfPresent();
            return true;
        } catch (IllegalStateException e) {
            log.warning(e.getMessage());
            return false;
        }
    }

    /** Whether a background save is running. */
    public boolean inProgress() {
        return bgsaveStartedMillis >= 0;
    }

    /** LASTSAVE: when the last successful save ended (start-up time before any), in Unix seconds. */
    public long lastSaveSeconds() {
        return lastSaveMillis / 1000;
    }

    long lastSaveMillis() {
        return lastSaveMillis;
    }

    boolean lastBgsaveOk() {
        return lastBgsaveOk;
    }

    long lastBgsaveTryMillis() {
        return lastBgsaveTryMillis;
    }

    void info(Map<String, Object> out) {
        long now = runtime.clock().nowMillis();
        out.put("rdb_changes_since_last_save", changes.changes());
        out.put("rdb_bgsave_in_progress", inProgress() ? 1 : 0);
        out.put("rdb_last_save_time", lastSaveSeconds());
        out.put("rdb_last_bgsave_status", lastBgsaveOk ? "ok" : "err");
        out.put("rdb_last_bgsave_time_sec", lastBgsaveSeconds);
        out.put("rdb_current_bgsave_time_sec", inProgress() ? (now - bgsaveStartedMillis) / 1000 : -1);
        out.put("rdb_last_cow_size", 0);
        out.put("rdb_last_load_keys_expired", lastLoad == null ? 0 : lastLoad.expired());
        out.put("rdb_last_load_keys_loaded", lastLoad == null ? 0 : lastLoad.keys());
    }
}
