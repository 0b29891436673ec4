package dev.trib.commands.consistency;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The Redis tutorial's consistency-test.rb, built in: counters are INCRed through a cluster client ({@link Counters},
 * lettuce's in trib) and read back; a value below the last acknowledged INCR means acknowledged writes were lost, a value above it means
 * writes happened that were never acknowledged (or someone else wrote). Run it while resharding or failing over.
 */
public final class ConsistencyTest {
    /**
     * @param duration how long to run; zero runs until {@link #stop()}
     * @param rate     most INCRs per second; 0 for as fast as the cluster answers
     */
    public record Options(int keys, String prefix, Duration duration, int rate, long seed) {
    }

    /** Counts so far; lost and unexpected are in increments, not keys. */
    public record Stats(long reads, long readErrors, long writes, long writeErrors, long lost, long unexpected) {
        public String line() {
            return String.format(Locale.ROOT, "%d R (%d err) | %d W (%d err) | %d lost | %d unexpected",
                    reads, readErrors, writes, writeErrors, lost, unexpected);
        }

        public boolean consistent() {
            return lost == 0 && unexpected == 0;
        }
    }

    /** Called from the testing thread. */
    public interface Listener {
        /** About once a second. */
        void status(Stats stats);

        /** A lost or unexpected value, as it is found. */
        void anomaly(String message);
    }

    private final Counters counters;
    private final Map<String, Long> acknowledged = new HashMap<>();
    private volatile boolean stopRequested;
    private long reads;
    private long readErrors;
    private long writes;
    private long writeErrors;
    private long lost;
    private long unexpected;

    public ConsistencyTest(Counters counters) {
        this.counters = counters;
    }

    /** Ends the run after the operation in progress. Safe from any thread. */
    public void stop() {
        stopRequested = true;
    }

    public Stats run(Options options, Listener listener) {
        Random random = new Random(options.seed());
        long start = System.nanoTime();
        long end = options.duration().isZero() ? Long.MAX_VALUE : start + options.duration().toNanos();
        long nextStatus = start + 1_000_000_000L;
        long ops = 0;
        while (!stopRequested && System.nanoTime() < end) {
            String key = options.prefix() + random.nextInt(options.keys());
            read(key, listener);
            write(key, listener);
            ops++;
            long now = System.nanoTime();
            if (now >= nextStatus) {
                listener.status(stats());
                nextStatus += 1_000_000_000L;
            }
            if (options.rate() > 0) {
                long due = start + ops * 1_000_000_000L / options.rate();
                if (due > now) {
                    sleep((due - now) / 1_000_000L);
                }
            }
        }
        return stats();
    }

    private void read(String key, Listener listener) {
        String reply;
        try {
            reply = counters.get(key);
        } catch (RuntimeException e) {
            readErrors++;
            return;
        }
        reads++;
        long value;
        try {
            value = reply == null ? 0 : Long.parseLong(reply);
        } catch (NumberFormatException e) {
            readErrors++;
            return;
        }
        Long expected = acknowledged.get(key);
        if (expected == null) {
            acknowledged.put(key, value); // first sight: a counter left by an earlier run is the baseline
        } else if (value != expected) {
            compare(key, value, expected, "read " + value, "last acknowledged INCR returned " + expected, listener);
            acknowledged.put(key, value);
        }
    }

    /** Counts and reports a value that is not the one expected: below it, writes were lost; above, unexpected. */
    private void compare(String key, long seen, long expected, String observed, String expectation,
                         Listener listener) {
        if (seen < expected) {
            lost += expected - seen;
            listener.anomaly("Lost " + (expected - seen) + " write(s) on " + key + ": " + observed + ", "
                    + expectation);
        } else if (seen > expected) {
            unexpected += seen - expected;
            listener.anomaly("Unexpected value on " + key + ": " + observed + ", " + expectation + " ("
                    + (seen - expected) + " unacknowledged write(s))");
        }
    }

    private void write(String key, Listener listener) {
        long n;
        try {
            n = counters.incr(key);
        } catch (RuntimeException e) {
            writeErrors++;
            acknowledged.remove(key); // it may or may not have happened: the next read is the new baseline
            return;
        }
        writes++;
        // The INCR's own reply is checked too: a counter reset between our read and our write shows here.
        Long before = acknowledged.get(key);
        if (before != null) {
            compare(key, n, before + 1, "INCR returned " + n, "expected " + (before + 1), listener);
        }
        acknowledged.put(key, n);
    }

    public Stats stats() {
        return new Stats(reads, readErrors, writes, writeErrors, lost, unexpected);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
