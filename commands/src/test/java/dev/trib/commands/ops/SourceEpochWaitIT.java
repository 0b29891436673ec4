package dev.trib.commands.ops;

import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.migrate.MigrationListener;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.alloc.SourceEpochs;
import dev.trib.planner.alloc.SourceEpochs.Lag;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wait for a source's epoch to settle before slots are given away, on real nodes. */
class SourceEpochWaitIT {

    /** A source whose new epoch the others have not heard of, in the snapshot a run would start from. */
    private record Unsettled(ClusterSnapshot snapshot, List<SlotMove> moves, List<Lag> lags, String sourceId,
                             long epoch, RedisNode target) {
    }

    private static Unsettled unsettledSource(TestCluster c, NodeConnector connector) {
        List<NodeClient> nodes = c.nodes().stream().map(n -> connector.connect(n.address())).toList();
        ClusterWaits.awaitAgreement(nodes, Duration.ofSeconds(20));
        ClusterLoader loader = new ClusterLoader(connector);
        ClusterSnapshot before = loader.load(c.node(0).address());

        // The master with the lowest epoch takes a new one, the highest, as a master does when it takes a slot.
        RedisNode source = c.nodes().stream().min(Comparator.comparingLong(n -> n.myself().configEpoch()))
                .orElseThrow();
        String sourceId = source.myself().id();
        String bumped = source.callString("CLUSTER", "BUMPEPOCH");
        assertTrue(bumped.startsWith("BUMPED "), bumped);
        long epoch = Long.parseLong(bumped.substring("BUMPED ".length()).trim());
        // The others as they were before they heard of it: a source that is not settled.
        ClusterSnapshot after = loader.load(source.address());
        List<NodeReport> stale = after.nodes().stream()
                .map(n -> n.id().equals(sourceId) ? n : before.node(n.id()).orElseThrow()).toList();
        ClusterSnapshot snapshot = new ClusterSnapshot(after.entry(), stale);
        RedisNode target = c.nodes().stream().filter(n -> n != source).findFirst().orElseThrow();
        List<SlotMove> moves = List.of(new SlotMove(source.myself().slots().stream().findFirst().orElseThrow(),
                sourceId, target.myself().id()));
        List<Lag> unsettled = SourceEpochs.unsettled(snapshot, moves);
        assertFalse(unsettled.isEmpty());
        return new Unsettled(snapshot, moves, unsettled, sourceId, epoch, target);
    }

    /** What the wait says, in order. */
    private static MigrationListener recorder(List<String> said) {
        return new MigrationListener() {
            @Override
            public void warning(String what) {
                said.add(what);
            }

            @Override
            public void detail(String what) {
                said.add(what);
            }
        };
    }

    @Test
    void aSourceWhoseNewEpochItsTargetHasNotSeenIsWaitedForUntilItHas() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.start(3, TestCluster.THREE_HOSTS).createWithRedisCli(0);
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            Unsettled u = unsettledSource(c, connector);

            List<String> said = new ArrayList<>();
            SourceEpochWait.await(connector, u.snapshot(), u.moves(), Duration.ofSeconds(30), recorder(said),
                    () -> false);

            assertEquals(2, said.size(), said.toString());
            assertEquals("waiting for the epochs to settle before giving slots away: " + u.lags().get(0).reason(),
                    said.get(0));
            assertTrue(said.get(1).matches("the epochs settled in \\d+ ms"), said.get(1));
            // The target, which will claim the slot, knows the source's epoch: its claim will be above it.
            ClusterView view = NodesParser.parse(u.target().callString("CLUSTER", "NODES"));
            assertEquals(u.epoch(), view.node(u.sourceId()).orElseThrow().configEpoch());
            long current = Long.parseLong(u.target().callString("CLUSTER", "INFO").lines()
                    .filter(l -> l.startsWith("cluster_current_epoch:")).findFirst().orElseThrow()
                    .substring("cluster_current_epoch:".length()).trim());
            assertTrue(current >= u.epoch(), u.target() + " counts " + current);
        }
    }

    @Test
    void aCtrlCEndsTheWaitAtItsFirstLook() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.start(3, TestCluster.THREE_HOSTS).createWithRedisCli(0);
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            Unsettled u = unsettledSource(c, connector);

            List<String> said = new ArrayList<>();
            long started = System.nanoTime();
            SourceEpochWait.await(connector, u.snapshot(), u.moves(), Duration.ofSeconds(30), recorder(said),
                    () -> true);

            assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "the wait went on");
            // No "settled": the run that called it stops before its first round (the engine is told to stop).
            assertEquals(List.of("waiting for the epochs to settle before giving slots away: "
                    + u.lags().get(0).reason()), said);
        }
    }
}
