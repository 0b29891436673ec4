package dev.trib.commands.migrate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The timeout one MIGRATE gets: the user's, or the time its bytes need at a slow rate, whichever is longer. */
class MigrateTimeoutTest {
    private static final long MB = 1024 * 1024;
    private static final double TWENTY_MB_S = 20.0 * MB;

    @Test
    void smallCallsKeepTheUsersTimeout() {
        assertEquals(60_000, MigrateTimeout.forBytes(60_000, 0, TWENTY_MB_S), "nothing known");
        assertEquals(60_000, MigrateTimeout.forBytes(60_000, 10 * MB, TWENTY_MB_S), "2 s of data");
        assertEquals(1000, MigrateTimeout.forBytes(1000, 5 * MB, TWENTY_MB_S), "exactly 1 s at 5 MB/s");
    }

    @Test
    void bigCallsGetTheTimeTheirBytesNeedAtFiveMegabytesASecond() {
        assertEquals(1001, MigrateTimeout.forBytes(1000, 5 * MB + 1, TWENTY_MB_S), "rounded up");
        assertEquals(100_000, MigrateTimeout.forBytes(60_000, 500 * MB, TWENTY_MB_S),
                "a faster rate claimed is not trusted for a timeout");
        assertEquals(500_000, MigrateTimeout.forBytes(60_000, 500 * MB, 1.0 * MB), "a slower rate is");
        assertEquals(100_000, MigrateTimeout.forBytes(60_000, 500 * MB, 0), "no rate given: the default");
    }

    @Test
    void neverOverflows() {
        assertEquals(Integer.MAX_VALUE, MigrateTimeout.forBytes(1000, Long.MAX_VALUE / 2, 1));
        assertEquals(Integer.MAX_VALUE, MigrateTimeout.retry(Integer.MAX_VALUE / 2, 5));
    }

    @Test
    void eachRetryDoublesTheTimeout() {
        assertEquals(3000, MigrateTimeout.retry(3000, 0));
        assertEquals(6000, MigrateTimeout.retry(3000, 1));
        assertEquals(96_000, MigrateTimeout.retry(3000, 5));
    }
}
