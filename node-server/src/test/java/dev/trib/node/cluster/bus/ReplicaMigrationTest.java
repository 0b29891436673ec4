package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Replica migration with literal configurations and a clock that is just a number. */
class ReplicaMigrationTest {
    private static final String A = "a".repeat(40);
    private static final String B = "b".repeat(40);
    private static final String R1 = "1".repeat(40);
    private static final String R2 = "2".repeat(40);
    private static final String RB = "3".repeat(40);

    /** Masters A (0-8191) with replicas R1 and R2, and B (8192-16383) with RB; myself is {@code me}. */
    private static ClusterConfig cluster(String me, boolean rbFailed) {
        ClusterNode[] nodes = {
            new ClusterNode(A, "127.0.0.1", 7000, 17000, "", NodeFlags.MASTER, null, 1, 0),
            new ClusterNode(B, "127.0.0.1", 7001, 17001, "", NodeFlags.MASTER, null, 2, 0),
            new ClusterNode(R1, "127.0.0.1", 7002, 17002, "", NodeFlags.SLAVE, A, 1, 0),
            new ClusterNode(R2, "127.0.0.1", 7003, 17003, "", NodeFlags.SLAVE, A, 1, 0),
            new ClusterNode(RB, "127.0.0.1", 7004, 17004, "", NodeFlags.SLAVE | (rbFailed ? NodeFlags.FAIL : 0), B,
                    2, 0),
        };
        ClusterConfig.Editor e = null;
        for (ClusterNode n : nodes) {
            if (n.id().equals(me)) {
                e = ClusterConfig.fresh(n.withFlag(NodeFlags.MYSELF, true)).edit();
            }
        }
        for (ClusterNode n : nodes) {
            if (!n.id().equals(me)) {
                e.put(n);
            }
        }
        for (int s = 0; s <= 16383; s++) {
            e.setOwner(s, s < 8192 ? A : B);
        }
        return e.currentEpoch(2).build();
    }

    @Test
    void theSmallestReplicaOfTheRichestMasterMovesAfterTheDelay() {
        ReplicaMigration m = new ReplicaMigration();
        m.track(cluster(R1, false), 1_000);
        ClusterConfig orphaned = cluster(R1, true);
        m.track(orphaned, 2_000);
        assertNull(m.target(orphaned, 2_000 + ReplicaMigration.MIGRATION_DELAY_MS, 1), "not longer than the delay yet");
        assertEquals(B, m.target(orphaned, 2_001 + ReplicaMigration.MIGRATION_DELAY_MS, 1));
        assertNull(m.target(orphaned, 60_000, 2), "two replicas are not above a barrier of 2");
    }

    @Test
    void otherReplicasStayAndAMasterNeverSeenWithReplicasIsNotOrphaned() {
        ReplicaMigration m = new ReplicaMigration();
        m.track(cluster(R2, false), 1_000);
        ClusterConfig orphaned = cluster(R2, true);
        m.track(orphaned, 2_000);
        assertNull(m.target(orphaned, 60_000, 1), "R1 has the smaller name, so R2 stays");

        ReplicaMigration fresh = new ReplicaMigration();
        fresh.track(cluster(R1, true), 2_000);
        assertNull(fresh.target(cluster(R1, true), 60_000, 1), "B was never seen with a working replica");
    }

    @Test
    void anOrphanThatGetsAReplicaBackIsForgotten() {
        ReplicaMigration m = new ReplicaMigration();
        m.track(cluster(R1, false), 1_000);
        m.track(cluster(R1, true), 2_000);
        m.track(cluster(R1, false), 3_000);
        assertNull(m.target(cluster(R1, false), 60_000, 1));
    }
}
