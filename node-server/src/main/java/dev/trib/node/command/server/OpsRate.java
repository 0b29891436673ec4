package dev.trib.node.command.server;

import java.util.ArrayDeque;

/**
 * INFO's instantaneous_ops_per_sec without a timer: the command count is sampled when INFO asks, and the rate is
 * taken over the last second or so (since the previous INFO, when INFO comes less often). Redis samples every
 * 100 ms in its cron; a watcher polling INFO every second sees the same figure.
 */
final class OpsRate {
    private static final long WINDOW_MILLIS = 1000;
    /** Calls closer than this share a sample, so a flood of INFO keeps the queue short. */
    private static final long MIN_SPACING_MILLIS = 50;

    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    /** @return commands per second up to now; 0 on the first call */
    synchronized long perSecond(long count, long nowMillis) {
        // Keep the newest sample that is at least a window old (or the oldest there is) and all newer ones.
        while (samples.size() > 1 && nowMillis - second()[0] >= WINDOW_MILLIS) {
            samples.removeFirst();
        }
        long[] oldest = samples.peekFirst();
        long[] newest = samples.peekLast();
        if (newest == null || nowMillis - newest[0] >= MIN_SPACING_MILLIS) {
            samples.addLast(new long[] {nowMillis, count});
        }
        if (oldest == null || nowMillis <= oldest[0]) {
            return 0;
        }
        // CONFIG RESETSTAT can make the count go back: no negative rate.
        return Math.max(0, (count - oldest[1]) * 1000 / (nowMillis - oldest[0]));
    }

    private long[] second() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }
}
