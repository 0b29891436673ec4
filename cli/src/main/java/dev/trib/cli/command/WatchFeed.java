package dev.trib.cli.command;

import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.watch.ClusterSampler;
import dev.trib.planner.topology.HostAndPort;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Samples the cluster on a thread of its own, one sample at a time, every interval. The screen reads the latest
 * result whenever it likes: a node that answers slowly delays the numbers by at most the timeouts, never the
 * redraw or the q key.
 */
final class WatchFeed implements AutoCloseable {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * One sampling: a sample, or why the cluster could not be read (then {@code sample} is null).
     *
     * @param time when it finished, HH:mm:ss
     */
    record Result(ClusterSampler.Sample sample, String error, String time) {
        static Result of(ClusterSampler.Sample sample) {
            return new Result(sample, null, now());
        }

        static Result failed(String error) {
            return new Result(null, error, now());
        }
    }

    private final ClusterSampler sampler;
    private final HostAndPort entry;
    private final AtomicReference<Result> latest;
    /** System.nanoTime() when the sampling in progress started; 0 when none is. */
    private final AtomicLong busySince = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        // Daemon: a sample stuck on a hung node must not keep the JVM alive after q.
        Thread t = new Thread(r, "trib-watch-sampler");
        t.setDaemon(true);
        return t;
    });

    /** Starts sampling {@code interval} after {@code first}, which the caller took to fail early on a bad entry. */
    WatchFeed(ClusterSampler sampler, HostAndPort entry, Result first, Duration interval) {
        this.sampler = sampler;
        this.entry = entry;
        this.latest = new AtomicReference<>(first);
        long ms = interval.toMillis();
        // Fixed rate on one thread: a slow sample is followed at once by the next one, never overlapped by it.
        timer.scheduleAtFixedRate(this::sampleOnce, ms, ms, TimeUnit.MILLISECONDS);
    }

    static String now() {
        return LocalTime.now().format(TIME);
    }

    /** The newest result; the same object until a new sampling finishes. */
    Result latest() {
        return latest.get();
    }

    /** How long the sampling in progress has been running, if one is. */
    Optional<Duration> busyFor() {
        long since = busySince.get();
        return since == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - since));
    }

    private void sampleOnce() {
        busySince.set(System.nanoTime());
        try {
            latest.set(Result.of(sampler.sample(entry)));
        } catch (NodeAccessException e) {
            latest.set(Result.failed("cannot reach " + entry + ": " + e.reason()));
        } catch (RuntimeException e) {
            // Anything else (the entry left the cluster, a reply we cannot parse): say so and keep trying, since
            // an exception escaping here would silently end the schedule.
            latest.set(Result.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            busySince.set(0);
        }
    }

    @Override
    public void close() {
        // Does not wait: a sampling stuck on a hung node ends when the session closes its connections.
        timer.shutdownNow();
    }
}
