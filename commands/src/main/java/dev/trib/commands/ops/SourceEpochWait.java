package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.migrate.MigrationListener;
import dev.trib.commands.migrate.MigrationRefusedException;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.alloc.SourceEpochs;
import dev.trib.planner.alloc.SourceEpochs.Lag;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.NodeAddress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Before a run gives slots away, waits until each of its sources is settled ({@link SourceEpochs}): right after
 * other moves, epochs are still colliding and spreading, and a slot closed then can be lost with its keys. A
 * settled cluster (e.g. right after create) costs nothing: the snapshot the run starts from is the first look.
 */
final class SourceEpochWait {

    private SourceEpochWait() {
    }

    /** A master that still lags is made to hear from the source again at most this often. */
    private static final Duration NUDGE_EVERY = Duration.ofSeconds(2);
    /** MEETs sent per poll at most: each starts a handshake, and a busy cluster after a drain may list hundreds. */
    private static final int NUDGES_AT_ONCE = 64;

    /**
     * Waits, and shortens the wait: a master that keeps a source unsettled meets the source again, which makes the
     * two exchange headers at once (each learns the other's epoch; a collision between them is resolved) instead of
     * whenever gossip next pairs them, seconds apart on a large cluster.
     *
     * @param stopRequested a Ctrl-C: the wait ends at the next poll, with nothing moved (the run then stops
     *                      before its first round)
     * @throws MigrationRefusedException when the sources have not settled in time; nothing has been moved then
     */
    static void await(NodeConnector connector, ClusterSnapshot snapshot, List<SlotMove> moves, Duration timeout,
                      MigrationListener listener, BooleanSupplier stopRequested) {
        List<Lag> first = SourceEpochs.unsettled(snapshot, moves);
        if (first.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        listener.warning("waiting for the epochs to settle before giving slots away: " + first.get(0).reason());
        Map<String, Long> nudged = new HashMap<>();
        nudge(connector, snapshot, first, nudged);
        try {
            Waits.until(timeout, Duration.ofMillis(250), () -> {
                if (stopRequested.getAsBoolean()) {
                    return Optional.empty();
                }
                List<Lag> lags = SourceEpochs.unsettled(refreshMasters(connector, snapshot), moves);
                nudge(connector, snapshot, lags, nudged);
                return lags.isEmpty() ? Optional.empty()
                        : Optional.of(lags.stream().map(Lag::sourceId).distinct().count() + " source(s) not settled ("
                        + lags.size() + " lag(s)), e.g. " + lags.get(0).reason());
            });
            if (stopRequested.getAsBoolean()) {
                return;
            }
            listener.detail("the epochs settled in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (Waits.WaitTimeoutException e) {
            throw new MigrationRefusedException("Cannot give slots away yet: " + e.getMessage() + ". A slot closed "
                    + "while its source's epoch can still rise is lost with its keys; the epochs settle by "
                    + "themselves within minutes of other moves: retry then");
        }
    }

    private static void nudge(NodeConnector connector, ClusterSnapshot snapshot, List<Lag> lags,
                              Map<String, Long> nudged) {
        long now = System.nanoTime();
        List<Lag> due = lags.stream().filter(l -> now - nudged.getOrDefault(l.sourceId() + l.otherId(), now
                - NUDGE_EVERY.toNanos()) >= NUDGE_EVERY.toNanos()).limit(NUDGES_AT_ONCE).toList();
        due.forEach(l -> nudged.put(l.sourceId() + l.otherId(), now));
        Parallel.map(due, l -> {
            NodeAddress source = snapshot.node(l.sourceId()).orElseThrow().self().address();
            connector.connect(snapshot.node(l.otherId()).orElseThrow().address())
                    .meet(source.ip(), source.port(), source.clusterPort());
            return Boolean.TRUE;
        }); // a node that refuses is only not nudged: the wait itself says what is missing
    }

    /** The snapshot with every reachable master read again (view and CLUSTER INFO); the other nodes as they were. */
    private static ClusterSnapshot refreshMasters(NodeConnector connector, ClusterSnapshot snapshot) {
        List<NodeReport> masters = snapshot.masters().stream().filter(NodeReport::reachable).toList();
        Map<String, NodeReport> fresh = new HashMap<>();
        for (var o : Parallel.map(masters, m -> {
            NodeClient.State s = connector.connect(m.address()).state();
            return NodeReport.reached(m.address(), s.view(), s.clusterInfo(), s.keys());
        })) {
            if (o.ok()) {
                fresh.put(o.input().id(), o.value());
            }
        }
        List<NodeReport> nodes = new ArrayList<>();
        for (NodeReport n : snapshot.nodes()) {
            nodes.add(fresh.getOrDefault(n.id(), n));
        }
        return new ClusterSnapshot(snapshot.entry(), nodes);
    }
}
