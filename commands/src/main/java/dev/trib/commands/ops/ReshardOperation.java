package dev.trib.commands.ops;

import dev.trib.commands.exec.ClusterWaits;
import dev.trib.commands.migrate.Journal;
import dev.trib.commands.migrate.MigrationEngine;
import dev.trib.commands.migrate.MigrationListener;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.Finding;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a list of slot moves on a live cluster (reshard, rebalance, resume): refuses an unhealthy cluster,
 * journals progress, waits for the nodes to agree at the end.
 */
public final class ReshardOperation {

    private final NodeConnector connector;
    private volatile MigrationEngine engine;
    private volatile boolean stopRequested;

    public ReshardOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /**
     * The cluster as it is, refused unless healthy: moving slots on a cluster with open slots, uncovered
     * slots or disagreeing nodes would build on a broken state.
     *
     * @param resuming a resumed run may find the slots of its interrupted round still open
     */
    public ClusterSnapshot healthySnapshot(HostAndPort entry, boolean resuming) {
        SettledCheck.Result checked = SettledCheck.of(connector, entry);
        ClusterSnapshot snapshot = checked.snapshot();
        CheckReport report = checked.report();
        List<String> problems = new ArrayList<>();
        for (Finding f : report.findings()) {
            boolean openSlot = switch (f.kind()) {
                case SLOT_MIGRATING, SLOT_IMPORTING, OPEN_SLOTS -> true;
                default -> false;
            };
            if (!(resuming && openSlot)) {
                problems.add(f.message());
            }
        }
        if (!problems.isEmpty()) {
            problems.add("The cluster is not healthy: run 'trib check " + entry + "' and 'trib fix " + entry
                    + "' first" + (resuming ? "" : ", or 'trib reshard --resume' if a reshard was interrupted") + ".");
            throw new OperationRefusedException(problems, false);
        }
        return snapshot;
    }

    /** Reachable masters by id, for the engine. */
    public static Map<String, HostAndPort> masters(ClusterSnapshot s) {
        Map<String, HostAndPort> out = new LinkedHashMap<>();
        for (NodeReport n : s.masters()) {
            if (n.reachable()) {
                out.put(n.id(), n.address());
            }
        }
        return out;
    }

    /** Who owns each slot now, as the masters claim it for themselves. */
    public static Map<Integer, String> owners(ClusterSnapshot s) {
        Map<Integer, String> out = new HashMap<>();
        for (NodeReport n : s.masters()) {
            n.self().slots().stream().forEach(slot -> out.put(slot, n.id()));
        }
        return out;
    }

    /** Moves the journal's remaining slots; marks the journal finished when all are done. */
    public MigrationEngine.Result run(ClusterSnapshot snapshot, Journal journal, MigrationOptions options,
                                      MigrationListener listener) {
        Map<String, HostAndPort> masters = masters(snapshot);
        MigrationEngine e = new MigrationEngine(connector, masters, options, listener);
        engine = e;
        if (stopRequested) {
            e.requestStop();
        }
        List<SlotMove> remaining = journal.remaining();
        MigrationEngine.Result result = e.run(remaining, owners(snapshot), journal);
        if (!result.stopped()) {
            journal.markFinished();
        }
        // Replicas too: a check right after trib returns must find every node agreeing.
        List<NodeClient> clients = new ArrayList<>();
        for (NodeReport n : snapshot.reachable()) {
            clients.add(connector.connect(n.address()));
        }
        ClusterWaits.awaitAgreement(clients, Duration.ofSeconds(30));
        return result;
    }

    /** From a Ctrl-C hook: finish the round in flight, then stop. */
    public void requestStop() {
        stopRequested = true;
        MigrationEngine e = engine;
        if (e != null) {
            e.requestStop();
        }
    }
}
