package dev.trib.node.persistence;

import dev.trib.node.config.ConfigParameters;
import dev.trib.node.log.ServerLog;
import dev.trib.node.rdb.RdbSnapshot;
import dev.trib.node.replication.ReplicationLog;
import dev.trib.node.runtime.NodeRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The append-only file in redis-server 7.0's multi-part layout: {@code dir/appenddirname/} holds a
 * manifest, a base RDB snapshot and incremental files of RESP commands. It listens to the
 * replication stream, so it records exactly what replicas receive (commands already rewritten to
 * replay deterministically; on a replica, the master's stream). Appended bytes are buffered and
 * written once per batch of commands, before the replies go out; appendfsync always also fsyncs
 * then, everysec leaves the fsync to a background thread once a second.
 *
 * <p>A rewrite (BGREWRITEAOF, enabling the AOF at run time, a replica's full resync) snapshots the
 * dataset on the event loop, switches appending to a new incremental file at that instant, writes
 * the base on a background thread and then swaps the manifest: a crash at any point leaves a
 * manifest naming files that together hold every acknowledged write. Used on the event loop except
 * for {@link #fsyncIfDue()}.
 */
public final class AppendOnlyFile implements ReplicationLog.StreamListener {
    private static final long REWRITE_RETRY_MILLIS = 5000;

    private final NodeRuntime runtime;
    private final ReplicationLog replication;
    private final ServerLog log;
    private final ExecutorService background;
    private final Pending pending = new Pending();
    private final AtomicBoolean unsynced = new AtomicBoolean();
    private boolean listening;
    private boolean on;
    /** Whether the manifest on disk plus the open incremental file hold the whole dataset. */
    private boolean established;
    private AofManifest manifest;
    /** Sequence numbers already used for base and incremental files (never reused, even by a failed rewrite). */
    private long baseSeq;
    private long incrSeq;
    private FileChannel incr;
    private String incrName;
    private volatile FileChannel syncTarget;
    private boolean lastWriteOk = true;
    private long rewriteStartedMillis = -1;
    private boolean rewriteStale;
    private long retryAfterMillis;
    private boolean lastRewriteOk = true;
    private long lastRewriteSeconds = -1;
    private long rewrites;
    private long consecutiveFailures;

    AppendOnlyFile(NodeRuntime runtime, ServerLog log, ReplicationLog replication, ExecutorService background) {
        this.runtime = runtime;
        this.replication = replication;
        this.log = log;
        this.background = background;
    }

    Path directory() {
        return Path.of(runtime.config().get(ConfigParameters.DIR)).resolve(runtime.config().get("appenddirname"));
    }

    private String prefix() {
        return runtime.config().get("appendfilename");
    }

    private Path manifestPath() {
        return directory().resolve(AofManifest.fileName(prefix()));
    }

    /** The manifest on disk, or null when there is none. */
    AofManifest readManifest() {
        Path path = manifestPath();
        if (!Files.exists(path)) {
            return null;
        }
        try {
            return AofManifest.parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Can't read the AOF manifest " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts appending after start-up loading: continues the manifest's last incremental file,
     * or, when there is no usable AOF yet, writes a base of what was loaded before any client
     * connects — so the first acknowledged write already lands in a file the manifest names.
     */
    void startAfterLoad(AofManifest loaded) {
        listen();
        on = true;
        adopt(loaded);
        AofManifest.Entry last = loaded == null ? null : loaded.lastIncr();
        if (last == null) {
            createOnStart();
            return;
        }
        try {
            useIncr(FileChannel.open(directory().resolve(last.name()), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND), last.name());
            established = true;
        } catch (IOException e) {
            throw new IllegalStateException("Can't open the append-only file " + last.name() + ": " + e, e);
        }
    }

    private void createOnStart() {
        Path dir = directory();
        AofManifest.Entry base = nextBase();
        try {
            Files.createDirectories(dir);
            AtomicFile.write(dir.resolve(base.name()), baseSnapshot());
            NewIncr next = openNewIncr(dir);
            persist(dir, new AofManifest(List.of(base, next.entry())));
            useIncr(next.channel(), next.entry().name());
        } catch (IOException e) {
            throw new IllegalStateException("Can't create the append-only file in " + dir + ": " + e, e);
        }
        established = true;
        deleteUnlisted(dir, manifest);
        log.notice("Creating AOF base file " + base.name() + " on server start");
        log.notice("Creating AOF incr file " + incrName + " on server start");
    }

    /** CONFIG SET appendonly yes: appending starts with a rewrite, as in Redis. */
    void enable() {
        if (on) {
            return;
        }
        listen();
        on = true;
        established = false;
        try {
            adopt(readManifest());
        } catch (IllegalStateException e) {
            log.warning(e.getMessage() + "; a new AOF replaces it");
            adopt(null);
        }
        if (!rewrite()) {
            retryAfterMillis = 0; // a BGREWRITEAOF of the disabled AOF is running: start when it ends
        }
    }

    /** CONFIG SET appendonly no: what was buffered is written and synced, then the file is closed. */
    void disable() {
        if (!on) {
            return;
        }
        flushAndSync();
        closeIncr();
        on = false;
        established = false;
        pending.reset();
        log.notice("AOF disabled");
    }

    private void adopt(AofManifest m) {
        manifest = m;
        baseSeq = m == null ? 0 : m.maxSeq(AofManifest.BASE);
        incrSeq = m == null ? 0 : m.maxSeq(AofManifest.INCR);
    }

    private void listen() {
        if (!listening) {
            // Registered only once the AOF is wanted: the stream is not encoded for nobody.
            replication.addListener(this);
            listening = true;
        }
    }

    @Override
    public void append(byte[] bytes, int off, int len) {
        if (on) {
            pending.write(bytes, off, len);
        }
    }

    @Override
    public void datasetReplaced() {
        if (!on) {
            return;
        }
        // A replica loaded its master's copy: the files lead to the old data, so a new base is needed.
        pending.reset();
        established = false;
        if (rewriteInProgress()) {
            rewriteStale = true;
        } else {
            rewrite();
        }
    }

    /** After each batch of commands, before the replies are flushed. */
    void flush() {
        if (incr == null || pending.size() == 0) {
            return;
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(pending.buffer(), 0, pending.size());
            try {
                while (buf.hasRemaining()) {
                    incr.write(buf);
                }
            } finally {
                pending.drop(buf.position());
            }
            String policy = runtime.config().get("appendfsync");
            if (policy.equals("always")) {
                incr.force(false);
            } else if (policy.equals("everysec")) {
                unsynced.set(true);
            }
            if (!lastWriteOk) {
                log.notice("AOF write error looks solved, Redis can write again.");
            }
            lastWriteOk = true;
        } catch (IOException e) {
            if (lastWriteOk) {
                log.warning("Error writing to the AOF file: " + e);
            }
            lastWriteOk = false;
        }
    }

    /** appendfsync everysec, on a background thread: one fsync a second when something was written. */
    void fsyncIfDue() {
        FileChannel ch = syncTarget;
        if (ch != null && unsynced.getAndSet(false)) {
            try {
                ch.force(false);
            } catch (ClosedChannelException e) {
                // switched to another file meanwhile; the switch synced this one
            } catch (IOException e) {
                log.warning("Error syncing the AOF file: " + e);
            }
        }
    }

    void flushAndSync() {
        flush();
        if (incr != null) {
            try {
                incr.force(false);
            } catch (IOException e) {
                log.warning("Error syncing the AOF file: " + e);
            }
        }
    }

    /** Once in a while on the event loop: retries a rewrite the AOF still needs (failed or postponed). */
    void cron(long now) {
        if (on && !established && !rewriteInProgress() && now >= retryAfterMillis) {
            rewrite();
        }
    }

    /**
     * Starts a rewrite (BGREWRITEAOF and the cases above).
     *
     * @return false when one is already running
     */
    public boolean rewrite() {
        if (rewriteInProgress()) {
            return false;
        }
        long now = runtime.clock().nowMillis();
        Path dir = directory();
        AofManifest.Entry base = nextBase();
        AofManifest.Entry newIncr = null;
        try {
            Files.createDirectories(dir);
            if (on) {
                newIncr = switchToNewIncr(dir);
            }
        } catch (IOException e) {
            rewriteFailed("Can't start the AOF rewrite: " + e);
            return true;
        }
        byte[] snapshot = baseSnapshot();
        rewriteStartedMillis = now;
        rewriteStale = false;
        log.notice("Background append only file rewriting started");
        AofManifest.Entry incrEntry = newIncr;
        background.submit(() -> {
            IOException failure = null;
            try {
                AtomicFile.write(dir.resolve(base.name()), snapshot);
            } catch (IOException e) {
                failure = e;
            }
            IOException result = failure;
            runtime.keyspaceLoop().execute(() -> rewriteWritten(dir, base, incrEntry, result));
        });
        return true;
    }

    /**
     * From now on the stream goes to a new incremental file. What was appended before belongs to the
     * old file (and to the snapshot taken right after). When the manifest is current, it names the
     * new file at once, so a crash before the rewrite completes loses nothing.
     */
    private AofManifest.Entry switchToNewIncr(Path dir) throws IOException {
        if (incr != null) {
            flush();
        } else {
            pending.reset(); // nothing was written yet: the snapshot holds all of it
        }
        NewIncr next = openNewIncr(dir);
        if (established) {
            try {
                persist(dir, manifest.with(next.entry()));
            } catch (IOException e) {
                next.channel().close();
                Files.deleteIfExists(dir.resolve(next.entry().name()));
                throw e;
            }
        }
        useIncr(next.channel(), next.entry().name());
        return next.entry();
    }

    private record NewIncr(AofManifest.Entry entry, FileChannel channel) {
    }

    private NewIncr openNewIncr(Path dir) throws IOException {
        long seq = ++incrSeq;
        AofManifest.Entry entry = new AofManifest.Entry(AofManifest.incrName(prefix(), seq), seq, AofManifest.INCR);
        Path path = dir.resolve(entry.name());
        Files.deleteIfExists(path); // left by a rewrite that never completed
        return new NewIncr(entry, FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    private AofManifest.Entry nextBase() {
        long seq = ++baseSeq;
        return new AofManifest.Entry(AofManifest.baseName(prefix(), seq), seq, AofManifest.BASE);
    }

    private byte[] baseSnapshot() {
        return RdbSnapshot.write(runtime.keyspace(), Map.of("aof-base", "1"));
    }

    private void rewriteWritten(Path dir, AofManifest.Entry base, AofManifest.Entry newIncr, IOException failure) {
        lastRewriteSeconds = (runtime.clock().nowMillis() - rewriteStartedMillis) / 1000;
        rewriteStartedMillis = -1;
        if (failure != null) {
            rewriteFailed("Background AOF rewrite failed: " + failure);
            return;
        }
        boolean current = on && newIncr != null && newIncr.name().equals(incrName);
        if (rewriteStale || (on && !current)) {
            rewriteFailed("Background AOF rewrite result is out of date, starting again");
            retryAfterMillis = 0;
            return;
        }
        AofManifest next = new AofManifest(current ? List.of(base, newIncr) : List.of(base));
        try {
            persist(dir, next);
        } catch (IOException e) {
            rewriteFailed("Can't write the AOF manifest: " + e);
            return;
        }
        deleteUnlisted(dir, next);
        established = on;
        lastRewriteOk = true;
        consecutiveFailures = 0;
        rewrites++;
        log.notice("Background AOF rewrite terminated with success");
        log.notice("Background AOF rewrite finished successfully");
    }

    private void rewriteFailed(String message) {
        log.warning(message);
        lastRewriteOk = false;
        consecutiveFailures++;
        retryAfterMillis = runtime.clock().nowMillis() + REWRITE_RETRY_MILLIS;
    }

    private void persist(Path dir, AofManifest next) throws IOException {
        AtomicFile.write(dir.resolve(AofManifest.fileName(prefix())), next.render().getBytes(StandardCharsets.UTF_8));
        manifest = next;
    }

    /** Old bases and incremental files, and those of failed or outdated rewrites: none is needed any more. */
    private void deleteUnlisted(Path dir, AofManifest next) {
        Set<String> keep = new HashSet<>();
        next.entries().forEach(e -> keep.add(e.name()));
        String prefix = prefix() + ".";
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && (name.endsWith(".base.rdb") || name.endsWith(".base.aof") || name.endsWith(".incr.aof"))
                        && !keep.contains(name)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            log.warning("Can't remove old AOF files: " + e);
        }
    }

    private void useIncr(FileChannel ch, String name) {
        closeIncr();
        incr = ch;
        incrName = name;
        syncTarget = ch;
    }

    private void closeIncr() {
        if (incr == null) {
            return;
        }
        try {
            incr.force(false);
            incr.close();
        } catch (IOException e) {
            log.warning("Error closing the AOF file " + incrName + ": " + e);
        }
        incr = null;
        incrName = null;
        syncTarget = null;
    }

    /** At shutdown: everything buffered written and synced, the file closed. */
    void close() {
        flushAndSync();
        closeIncr();
    }

    public boolean enabled() {
        return on;
    }

    public boolean rewriteInProgress() {
        return rewriteStartedMillis >= 0;
    }

    void info(Map<String, Object> out) {
        long now = runtime.clock().nowMillis();
        out.put("aof_enabled", on ? 1 : 0);
        out.put("aof_rewrite_in_progress", rewriteInProgress() ? 1 : 0);
        out.put("aof_rewrite_scheduled", on && !established && !rewriteInProgress() ? 1 : 0);
        out.put("aof_last_rewrite_time_sec", lastRewriteSeconds);
        out.put("aof_current_rewrite_time_sec", rewriteInProgress() ? (now - rewriteStartedMillis) / 1000 : -1);
        out.put("aof_last_bgrewrite_status", lastRewriteOk ? "ok" : "err");
        out.put("aof_rewrites", rewrites);
        out.put("aof_rewrites_consecutive_failures", consecutiveFailures);
        out.put("aof_last_write_status", lastWriteOk ? "ok" : "err");
        out.put("aof_last_cow_size", 0);
        if (on) {
            out.put("aof_current_size", currentSize());
            out.put("aof_buffer_length", pending.size());
            out.put("aof_pending_bio_fsync", 0);
            out.put("aof_delayed_fsync", 0);
        }
    }

    private long currentSize() {
        long size = 0;
        if (manifest != null) {
            for (AofManifest.Entry e : manifest.loadOrder()) {
                try {
                    size += Files.size(directory().resolve(e.name()));
                } catch (IOException ignored) {
                    // listed but not there yet (a base being written)
                }
            }
        }
        return size;
    }

    /** Stream bytes not written yet; the written prefix is dropped without reallocating. */
    private static final class Pending extends ByteArrayOutputStream {
        byte[] buffer() {
            return buf;
        }

        void drop(int n) {
            System.arraycopy(buf, n, buf, 0, count - n);
            count -= n;
        }
    }
}
