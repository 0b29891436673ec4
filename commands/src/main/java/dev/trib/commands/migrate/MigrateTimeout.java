package dev.trib.commands.migrate;

/**
 * The timeout one MIGRATE call is given: the user's, or more when the bytes it carries need longer. A source waits
 * up to that long for each 64 KB it writes and for the target's reply, which comes once RESTORE has rebuilt the
 * whole value; a timeout shorter than the transfer aborts a move that was progressing (the target may even keep
 * the copy), while a longer one only delays noticing a dead target. So the rate assumed here is deliberately slow:
 * {@link #BYTES_PER_SECOND}, a quarter of the slowest figure measured on loopback (a 19 MB hash of 200,000 fields,
 * restored at 20 MB/s), leaving room for a loaded machine and a real network. Pure.
 */
public final class MigrateTimeout {
    /** 5 MB of MEMORY USAGE per second: see the class comment. */
    public static final double BYTES_PER_SECOND = 5 * 1024 * 1024;

    private MigrateTimeout() {
    }

    /**
     * @param userMs         the timeout asked for (--migrate-timeout): never lowered
     * @param bytes          estimated MEMORY USAGE of the keys the call carries (0: unknown)
     * @param bytesPerSecond the rate assumed; a figure above {@link #BYTES_PER_SECOND} is not trusted for this
     * @return the larger of the user's timeout and the bytes' transfer time, in ms
     */
    public static int forBytes(int userMs, long bytes, double bytesPerSecond) {
        double rate = Math.min(BYTES_PER_SECOND, bytesPerSecond > 0 ? bytesPerSecond : BYTES_PER_SECOND);
        double needed = Math.ceil(Math.max(0, bytes) * 1000.0 / rate);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(userMs, needed));
    }

    /** The timeout of the {@code attempt}-th retry after an I/O error: doubled each time, without overflowing. */
    public static int retry(int timeoutMs, int attempt) {
        long grown = (long) timeoutMs << Math.min(Math.max(attempt, 0), 10);
        return (int) Math.min(Integer.MAX_VALUE, grown);
    }
}
