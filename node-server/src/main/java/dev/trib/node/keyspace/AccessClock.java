package dev.trib.node.keyspace;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Each key's access field, as Redis keeps it in an object's 24 LRU bits: under an LRU policy the clock in seconds
 * (wrapping at 2^24) of the last access; under an LFU policy the minute of the last decrement (16 bits) and a
 * logarithmic access counter (8 bits) that starts at 5, grows with probability 1/((counter - 5) * lfu-log-factor + 1)
 * and loses one per lfu-decay-time minutes idle. OBJECT IDLETIME and OBJECT FREQ read it; RESTORE can set it.
 */
public final class AccessClock {
    static final int LRU_CLOCK_MAX = (1 << 24) - 1;
    static final int LFU_INIT_VAL = 5;

    private final Clock clock;
    /** The clock in seconds and in minutes as of the last {@link #tick}: Redis's server.lruclock, read per access. */
    private int lruClock;
    private int minutes;
    private BooleanSupplier lfu = () -> false;
    private LongSupplier logFactor = () -> 10;
    private LongSupplier decayMinutes = () -> 1;

    AccessClock(Clock clock) {
        this.clock = clock;
        tick();
    }

    /**
     * Reads the clock; the node's cron calls it ten times a second. Accesses use the value read last, since a
     * clock read per access cost several percent of a pipelined command's CPU and the field counts whole seconds.
     */
    public void tick() {
        long now = clock.nowMillis();
        lruClock = (int) ((now / 1000) & LRU_CLOCK_MAX);
        minutes = (int) ((now / 60_000) & 0xffff);
    }

    /** Where the policy comes from (maxmemory-policy, lfu-log-factor, lfu-decay-time); read on each access. */
    public void policy(BooleanSupplier lfu, LongSupplier logFactor, LongSupplier decayMinutes) {
        this.lfu = lfu;
        this.logFactor = logFactor;
        this.decayMinutes = decayMinutes;
    }

    public boolean lfu() {
        return lfu.getAsBoolean();
    }

    private int lruClock() {
        return lruClock;
    }

    private int minutes() {
        return minutes;
    }

    /** A new value's field. */
    int created() {
        return lfu() ? minutes() << 8 | LFU_INIT_VAL : lruClock();
    }

    /** The field after an access. */
    int accessed(int field) {
        if (!lfu()) {
            return lruClock();
        }
        int counter = frequency(field);
        if (counter < 255) {
            int base = Math.max(0, counter - LFU_INIT_VAL);
            if (ThreadLocalRandom.current().nextDouble() < 1.0 / (base * (double) logFactor.getAsLong() + 1)) {
                counter++;
            }
        }
        return minutes() << 8 | counter;
    }

    /** The field when a value is replaced: LFU keeps the key's counter, LRU counts the write as an access. */
    int replaced(int field) {
        return lfu() ? field : lruClock();
    }

    /** Milliseconds since the last access (LRU), at the clock's one-second resolution. */
    public long idleMillis(int field) {
        int now = lruClock();
        long seconds = now >= field ? now - field : now + (LRU_CLOCK_MAX - field);
        return seconds * 1000;
    }

    /** The LFU counter after its decay for the minutes gone by. */
    public int frequency(int field) {
        int counter = field & 0xff;
        long decay = decayMinutes.getAsLong();
        if (decay == 0) {
            return counter;
        }
        int then = field >>> 8 & 0xffff;
        int now = minutes();
        long elapsed = now >= then ? now - then : 0xffff - then + now;
        long periods = elapsed / decay;
        return periods > counter ? 0 : (int) (counter - periods);
    }

    /** RESTORE's IDLETIME (seconds, LRU policies) or FREQ (0-255, LFU policies): the field, or -1 to leave it. */
    int restored(long idleSeconds, long freq) {
        if (lfu()) {
            return freq >= 0 ? minutes() << 8 | (int) freq : -1;
        }
        if (idleSeconds < 0) {
            return -1;
        }
        long now = lruClock();
        long abs = now - idleSeconds;
        if (abs < 0) {
            abs = now + LRU_CLOCK_MAX + 1 - idleSeconds;
        }
        return (int) (abs & LRU_CLOCK_MAX);
    }
}
