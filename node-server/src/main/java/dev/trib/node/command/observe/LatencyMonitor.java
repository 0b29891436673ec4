package dev.trib.node.command.observe;

import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandObserver;
import dev.trib.node.command.CommandSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The latency monitor (events "command" and "fast-command" at or above latency-monitor-threshold ms, 160 one-second
 * samples each, as redis-server keeps them) and the per-command latency histograms of LATENCY HISTOGRAM (log2
 * buckets from 1024 ns as Redis's HDR histogram reports them). The node's other events (fork, AOF fsync, expiry
 * cycles, eviction) are not measured.
 */
public final class LatencyMonitor implements CommandObserver {
    static final int SAMPLES = 160;

    /** One event's ring of samples: seconds and the worst ms in that second. */
    static final class Series {
        final long[] time = new long[SAMPLES];
        final long[] latency = new long[SAMPLES];
        int idx;
        long max;
    }

    /** Durations of one command in ns, counted per log2 bucket (bucket k holds up to 1024·2^k ns). */
    static final class Histogram {
        long calls;
        final long[] buckets = new long[30];
    }

    private final LongSupplier thresholdMs;
    private final Map<String, Series> events = new LinkedHashMap<>();
    private final Map<CommandSpec, Histogram> bySpec = new java.util.IdentityHashMap<>();
    private final Map<String, Histogram> histograms = new LinkedHashMap<>();

    public LatencyMonitor(LongSupplier thresholdMs) {
        this.thresholdMs = thresholdMs;
    }

    @Override
    public void executed(CommandSpec spec, List<byte[]> argv, ClientSession session, long micros) {
        if (micros < 0) {
            return; // blocked: not a latency of the event loop
        }
        long threshold = thresholdMs.getAsLong();
        long ms = micros / 1000;
        if (threshold > 0 && ms >= threshold) {
            add(spec.has(CommandFlag.FAST) ? "fast-command" : "command", ms);
        }
        Histogram h = bySpec.get(spec);
        if (h == null) {
            h = new Histogram();
            bySpec.put(spec, h);
            histograms.put(spec.name(), h);
        }
        h.calls++;
        long ns = micros * 1000;
        // The first level whose highest value reaches ns: log2 of ns/1024, then at most one step up.
        int k = ns <= 1024 ? 0 : Math.min(h.buckets.length - 1, 63 - Long.numberOfLeadingZeros((ns - 1) / 1024));
        while (k > 0 && ns <= highestEquivalent(k - 1)) {
            k--;
        }
        while (k < h.buckets.length - 1 && ns > highestEquivalent(k)) {
            k++;
        }
        h.buckets[k]++;
    }

    /** The largest value (ns) Redis's histogram counts at log level k: 1024·2^k plus its bucket width, minus 1. */
    static long highestEquivalent(int k) {
        long v = 1024L << k;
        return v + v / 128 - 1;
    }

    void add(String event, long ms) {
        Series ts = events.computeIfAbsent(event, e -> new Series());
        long now = System.currentTimeMillis() / 1000;
        ts.max = Math.max(ts.max, ms);
        int prev = (ts.idx + SAMPLES - 1) % SAMPLES;
        if (ts.time[prev] == now) {
            ts.latency[prev] = Math.max(ts.latency[prev], ms);
            return;
        }
        ts.time[ts.idx] = now;
        ts.latency[ts.idx] = ms;
        ts.idx = (ts.idx + 1) % SAMPLES;
    }

    Map<String, Series> events() {
        return events;
    }

    Map<String, Histogram> histograms() {
        return histograms;
    }

    long threshold() {
        return thresholdMs.getAsLong();
    }

    /** Forgets the event (all of them when null), case-insensitively; how many were dropped. */
    int reset(String event) {
        int before = events.size();
        events.keySet().removeIf(e -> event == null || e.equalsIgnoreCase(event));
        return before - events.size();
    }
}
