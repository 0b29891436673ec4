package dev.trib.node.cluster.bus;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failure reports: one per reporting master, refreshed, withdrawn, and valid for twice the node timeout. */
class FailureReportsTest {
    private static final String NODE = "3".repeat(40);
    private static final String A = "1".repeat(40);
    private static final String B = "2".repeat(40);

    @Test
    void reportsCountOncePerMasterAndExpireAfterTwiceTheNodeTimeout() {
        FailureReports r = new FailureReports();
        r.add(NODE, A, 10_000);
        r.add(NODE, A, 10_500);
        r.add(NODE, B, 9_000);
        assertEquals(2, r.valid(NODE, 11_000, 1000), "A twice is one report");
        assertEquals(1, r.valid(NODE, 11_001, 1000), "B's, 2001 ms old, has expired");
        assertEquals(0, r.valid(NODE, 12_501, 1000));
        assertFalse(r.any(NODE), "expired reports are gone, not just uncounted");
    }

    @Test
    void aHealthyGossipWithdrawsTheReporterAndRenamesFollowTheNode() {
        FailureReports r = new FailureReports();
        r.add(NODE, A, 10_000);
        r.add(NODE, B, 10_000);
        r.remove(NODE, A);
        assertEquals(1, r.valid(NODE, 10_000, 1000));
        r.rename(NODE, "4".repeat(40));
        assertFalse(r.any(NODE));
        assertEquals(1, r.valid("4".repeat(40), 10_000, 1000));
        r.remove("4".repeat(40), B);
        assertFalse(r.any("4".repeat(40)));
        r.add(NODE, A, 10_000);
        r.forget(NODE);
        assertEquals(0, r.valid(NODE, 10_000, 1000));
        assertTrue(!r.any(NODE));
    }
}
