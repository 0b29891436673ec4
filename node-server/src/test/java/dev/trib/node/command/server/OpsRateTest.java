package dev.trib.node.command.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** instantaneous_ops_per_sec as INFO computes it, on literal counts and times. */
class OpsRateTest {
    @Test
    void theFirstCallKnowsNoRate() {
        assertEquals(0, new OpsRate().perSecond(5_000, 10_000));
    }

    @Test
    void aWatcherPollingEverySecondSeesTheRateOfTheLastSecond() {
        OpsRate r = new OpsRate();
        r.perSecond(0, 0);
        assertEquals(2_000, r.perSecond(2_000, 1_000));
        assertEquals(500, r.perSecond(2_500, 2_000));
        assertEquals(0, r.perSecond(2_500, 3_000));
    }

    @Test
    void frequentCallsMeasureOverAboutASecondNotSinceTheLastCall() {
        OpsRate r = new OpsRate();
        for (long t = 0; t <= 3_000; t += 100) {
            r.perSecond(t * 10, t); // 10,000 ops/s throughout
        }
        assertEquals(10_000, r.perSecond(30_100, 3_010));
    }

    @Test
    void rareCallsAverageSinceThePreviousOne() {
        OpsRate r = new OpsRate();
        r.perSecond(0, 0);
        assertEquals(100, r.perSecond(6_000, 60_000));
    }

    @Test
    void aResetCountIsNeverANegativeRate() {
        OpsRate r = new OpsRate();
        r.perSecond(9_000, 0);
        assertEquals(0, r.perSecond(10, 1_000));
    }
}
