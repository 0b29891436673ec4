package dev.trib.commands.ops;

import dev.trib.commands.migrate.Journal;
import dev.trib.commands.migrate.LastSlotsWait;
import dev.trib.commands.migrate.MigrationEngine;
import dev.trib.commands.migrate.MigrationListener;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.alloc.SourceEpochs;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a list of slot moves on a live cluster (reshard, rebalance, resume): refuses what makes the moves unsafe,
 * journals progress, waits for the nodes to agree at the end.
 */
public final class ReshardOperation {

    private final NodeConnector connector;
    private volatile MigrationEngine engine;
    private volatile boolean stopRequested;

    public ReshardOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /** The cluster as it is, checked; what may stop a run is judged by {@link #admit} once the moves are known. */
    public Preflight preflight(HostAndPort entry) {
        return Preflight.load(connector, entry);
    }

    /**
     * Refuses what makes these moves unsafe (an open, unserved or disputed slot among them, an unreachable source
     * or target) and returns the rest of the findings as warnings: a dead replica does not stop a reshard.
     *
     * @param resuming a resumed run may find the slots of its interrupted round still open
     */
    public static List<String> admit(Preflight preflight, String command, List<SlotMove> moves, boolean resuming) {
        SlotSet slots = SlotSet.of(moves.stream().map(SlotMove::slot).toList());
        Set<String> nodes = new HashSet<>();
        moves.forEach(m -> {
            nodes.add(m.sourceId());
            nodes.add(m.targetId());
        });
        Preflight.Scope scope = Preflight.Scope.of(command, slots, nodes);
        if (resuming) {
            scope = scope.tolerating(slots);
        }
        preflight.refuseUnsafe(scope);
        return preflight.warnings(scope);
    }

    /**
     * A journal's moves belong to one cluster: refused, in one line, unless every node they name is a node of
     * this one.
     */
    public static void requireSameCluster(Journal journal, ClusterSnapshot snapshot) {
        List<String> missing = journal.moves().stream().flatMap(m -> java.util.stream.Stream.of(m.sourceId(),
                m.targetId())).distinct().filter(id -> snapshot.node(id).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new OperationRefusedException("Journal " + journal.path() + " belongs to another cluster (the one "
                    + "at " + journal.entry() + ", with node " + missing.get(0) + "), not to the cluster at "
                    + snapshot.entry() + ": resume it against its own cluster, or drop it with 'trib journal "
                    + "discard " + journal.path() + "'.");
        }
    }

    /**
     * A saved plan (--plan-out) applies only to the cluster it was made for, as that cluster still is: refused, in
     * one line, unless every node it names is a node of this cluster and every slot it moves is still owned by the
     * master the plan takes it from.
     */
    public static void requirePlanApplies(Journal plan, ClusterSnapshot snapshot) {
        if (plan.nodeIds().stream().noneMatch(id -> snapshot.node(id).isPresent())) {
            throw new OperationRefusedException("Plan " + plan.path() + " was made for another cluster (the one at "
                    + plan.entry() + "): none of its nodes is a node of the cluster at " + snapshot.entry()
                    + "; nothing was moved.");
        }
        List<String> gone = plan.moves().stream().flatMap(m -> java.util.stream.Stream.of(m.sourceId(),
                m.targetId())).distinct().filter(id -> snapshot.node(id).isEmpty()).toList();
        if (!gone.isEmpty()) {
            throw new OperationRefusedException("Plan " + plan.path() + " no longer applies: node " + gone.get(0)
                    + " it moves slots from or to is not in the cluster at " + snapshot.entry()
                    + "; nothing was moved, make a new plan.");
        }
        Map<Integer, String> owners = owners(snapshot);
        List<SlotMove> stale = plan.moves().stream().filter(m -> !m.sourceId().equals(owners.get(m.slot())))
                .toList();
        if (!stale.isEmpty()) {
            SlotMove first = stale.get(0);
            throw new OperationRefusedException("Plan " + plan.path() + " no longer applies: " + stale.size()
                    + " of its slots (first " + first.slot() + ") are no longer owned by the master it moves them "
                    + "from (" + first.sourceId() + "); nothing was moved, make a new plan.");
        }
    }

    /** The journal's moves still to do: neither recorded as done nor found done on the cluster. */
    public static List<SlotMove> actuallyLeft(Journal journal, ClusterSnapshot snapshot) {
        Map<Integer, String> owners = owners(snapshot);
        return journal.remaining().stream().filter(m -> !m.targetId().equals(owners.get(m.slot()))
                || hasOpenMark(snapshot, m.slot())).toList();
    }

    private static boolean hasOpenMark(ClusterSnapshot s, int slot) {
        return s.reachable().stream().anyMatch(n -> n.self().migrating().containsKey(slot)
                || n.self().importing().containsKey(slot));
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
        List<SlotMove> remaining = journal.remaining();
        // Replicas too: a check right after trib returns must find every node agreeing.
        List<NodeClient> clients = new ArrayList<>();
        for (NodeReport n : snapshot.reachable()) {
            clients.add(connector.connect(n.address()));
        }
        // A source's last slots go once every node agrees on where its others went (LastSlotsWait says why).
        LastSlotsWait lastSlots = (sourceId, keeps) -> ClusterWaits.awaitAgreement(clients, Duration.ofSeconds(30));
        SourceEpochWait.await(connector, snapshot, remaining,
                ClusterWaits.forNodes(Duration.ofSeconds(30), snapshot.nodes().size()), listener, () -> stopRequested);
        MigrationEngine e = new MigrationEngine(connector, masters, options, listener, journal.keySizes(),
                SourceEpochs.closableTogether(remaining), lastSlots);
        engine = e;
        if (stopRequested) {
            e.requestStop();
        }
        MigrationEngine.Result result = e.run(remaining, owners(snapshot), journal);
        if (!result.stopped()) {
            journal.markFinished();
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
