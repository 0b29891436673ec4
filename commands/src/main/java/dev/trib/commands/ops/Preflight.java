package dev.trib.commands.ops;

import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.Finding;
import dev.trib.planner.check.FindingKind;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The check a changing operation runs first, judged against what the operation touches. A degraded cluster is the
 * normal case: a dead replica, a failed master that no longer owns slots, a node in handshake do not make moving
 * other slots unsafe, so they are warnings naming the node (and the command that removes it). Refused, in one line
 * each with the command that repairs it: an open slot among or next to the slots in play (or on a node in play),
 * a slot in play nobody serves, a node in play that cannot be reached or reports the cluster down, and nodes that
 * disagree about who owns a slot in play.
 */
public final class Preflight {
    /** Slot lists in messages: runs up to this many, else a count, so a refusal stays one readable line. */
    private static final int MAX_RANGES = 8;
    /** Commands with a journal, whose own interrupted run may have left the slots open. */
    private static final Set<String> RESUMABLE = Set.of("reshard", "rebalance");

    private final ClusterSnapshot snapshot;
    private final CheckReport report;

    private Preflight(ClusterSnapshot snapshot, CheckReport report) {
        this.snapshot = snapshot;
        this.report = report;
    }

    /** The cluster as it is, taken again for a moment while only passing findings (an epoch spreading) remain. */
    public static Preflight load(NodeConnector connector, HostAndPort entry) {
        SettledCheck.Result checked = SettledCheck.of(connector, entry);
        return new Preflight(checked.snapshot(), checked.report());
    }

    public static Preflight of(CheckReport report) {
        return new Preflight(report.snapshot(), report);
    }

    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    /**
     * The snapshot without the unreachable masters that own no slots (a master that failed and was replaced): a
     * planner would otherwise count them as masters to balance over.
     */
    public ClusterSnapshot plannable() {
        return new ClusterSnapshot(snapshot.entry(), snapshot.nodes().stream()
                .filter(n -> n.reachable() || !n.self().isMaster() || !n.self().slots().isEmpty()).toList());
    }

    public CheckReport report() {
        return report;
    }

    /**
     * What an operation touches.
     *
     * @param slots    the slots it moves or assigns
     * @param nodes    ids of the nodes it changes (sources, targets, a replica's master)
     * @param tolerate open slots that are expected (a resumed run finds its interrupted round open)
     * @param command  the command, for the advice ({@code reshard}, {@code rebalance} ...)
     */
    public record Scope(SlotSet slots, Set<String> nodes, SlotSet tolerate, String command) {
        public Scope {
            nodes = Set.copyOf(nodes);
        }

        public static Scope of(String command, SlotSet slots, Collection<String> nodes) {
            return new Scope(slots, new HashSet<>(nodes), SlotSet.EMPTY, command);
        }

        public Scope tolerating(SlotSet open) {
            return new Scope(slots, nodes, open, command);
        }
    }

    /** @throws OperationRefusedException with one line per reason this operation is unsafe now */
    public void refuseUnsafe(Scope scope) {
        List<String> problems = problems(scope);
        if (!problems.isEmpty()) {
            throw new OperationRefusedException(problems, false);
        }
    }

    /**
     * True when every finding is about a node that serves no slot (a dead replica, a failed master that was
     * replaced): the cluster is degraded but whole, and an operation that just succeeded on it did not fail.
     */
    public static boolean onlyDegraded(CheckReport report) {
        return nothingNew(report, List.of());
    }

    /**
     * True when every finding of a check taken after an operation is about a node without slots or was already
     * warned about before it ({@code warningsBefore}): the operation left no new problem behind.
     */
    public static boolean nothingNew(CheckReport after, List<String> warningsBefore) {
        return after.findings().stream().allMatch(f -> switch (f.kind()) {
            case NODE_UNREACHABLE, NODE_FLAGGED_FAILING, REPLICA_WITHOUT_MASTER -> f.slots().isEmpty();
            default -> warningsBefore.contains(f.message());
        });
    }

    /** The reasons this operation is unsafe now; empty when it may go ahead. */
    public List<String> problems(Scope scope) {
        String entry = snapshot.entry().toString();
        List<String> out = new ArrayList<>();
        for (String id : scope.nodes()) {
            Optional<NodeReport> n = snapshot.node(id);
            if (n.isPresent() && !n.get().reachable()) {
                out.add("Node " + label(n.get()) + ", which this " + scope.command() + " uses, is unreachable ("
                        + n.get().failure().orElse("?") + "). " + deadNodeAdvice(n.get()));
            }
        }
        SlotSet uncovered = snapshot.uncoveredSlots().intersect(scope.slots());
        if (!uncovered.isEmpty()) {
            out.add("Slots " + uncovered.summary(MAX_RANGES) + " (" + uncovered.size() + ") are served by no reachable master: "
                    + "'trib fix " + entry + "' assigns them (or wait for a replica of their master to take over).");
        }
        SlotSet open = openSlotsInPlay(scope).minus(scope.tolerate());
        if (!open.isEmpty()) {
            out.add("Slots " + open.summary(MAX_RANGES) + " (" + open.size() + ") are open (migrating/importing) where this "
                    + scope.command() + " works: run 'trib fix " + entry + "' to close them"
                    + (RESUMABLE.contains(scope.command()) ? " (or 'trib " + scope.command() + " --resume' to finish "
                    + "an interrupted run)." : "."));
        }
        SlotSet disputed = disputed(scope.slots());
        if (!disputed.isEmpty()) {
            out.add("Nodes don't agree about who owns slots " + disputed.summary(MAX_RANGES) + " (" + disputed.size() + "): wait a few "
                    + "seconds and retry; if it persists, run 'trib fix " + entry + "'.");
        }
        for (Finding f : report.of(FindingKind.CLUSTER_STATE_FAIL)) {
            boolean inPlay = f.nodes().stream().anyMatch(id -> scope.nodes().contains(id)
                    || id.equals(snapshot.entryNode().id()));
            if (inPlay && uncovered.isEmpty() && snapshot.uncoveredSlots().isEmpty()) {
                out.add(f.message() + " Keys cannot be moved while it does: 'trib check " + entry + "' says why.");
            } else if (inPlay) {
                SlotSet down = snapshot.uncoveredSlots();
                out.add(f.message() + " Keys cannot be moved while slots " + down.summary(MAX_RANGES) + " (" + down.size()
                        + ") are served by no reachable master: wait for a replica of their master to take over, "
                        + "or run 'trib fix " + entry + "'.");
            }
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /**
     * Every finding, for an operation that {@link #problems} let go ahead, as one warning line each; an unreachable
     * node comes with the command that removes it.
     */
    public List<String> warnings(Scope scope) {
        List<String> out = new ArrayList<>();
        for (Finding f : report.findings()) {
            if (f.kind() == FindingKind.NODE_UNREACHABLE) {
                out.add(f.message() + " " + deadNodeAdvice(snapshot.node(f.nodes().get(0)).orElseThrow()));
            } else {
                out.add(f.message());
            }
        }
        return out;
    }

    /**
     * A dead replica or a failed master without slots can be removed; a master that still owns slots first needs
     * its replica to take over.
     */
    public String deadNodeAdvice(NodeReport n) {
        return deadNodeAdvice(snapshot, n);
    }

    /**
     * The warning of a command that acts on every node (call, set-timeout) and skips one the cluster declared dead
     * ({@link ClusterSnapshot#knownDead}): it names the node and what to do about it.
     */
    public static String skippedDeadNode(ClusterSnapshot snapshot, NodeReport n) {
        return "Node " + label(n) + " is unreachable (" + n.failure().orElse("?") + ") and flagged fail by the "
                + "cluster: skipped. " + deadNodeAdvice(snapshot, n);
    }

    /** {@link #deadNodeAdvice(NodeReport)} in the given snapshot. */
    public static String deadNodeAdvice(ClusterSnapshot snapshot, NodeReport n) {
        ClusterNode self = n.self();
        if (self.isMaster() && !self.slots().isEmpty()) {
            Optional<NodeReport> replica = snapshot.replicasOf(n.id()).stream().filter(NodeReport::reachable)
                    .findFirst();
            return replica.isPresent() ? "Its replica should take over its slots; if none does, run 'trib failover "
                    + replica.get().address() + " --force'." : "It owns slots " + self.slots().summary(MAX_RANGES) + " and has no "
                    + "reachable replica: restart it, or run 'trib fix " + snapshot.entry()
                    + " --fix-with-unreachable-masters' to give its slots (not its keys) to other masters.";
        }
        return "If it is gone for good, remove it with 'trib del-node " + snapshot.entry() + " " + n.id() + "'.";
    }

    private static String label(NodeReport n) {
        return n.address() + " (" + n.self().shortId() + ")";
    }

    /** Open slots in or next to the slots in play, or open on a node in play. */
    private SlotSet openSlotsInPlay(Scope scope) {
        if (scope.slots().isEmpty()) {
            return SlotSet.EMPTY; // moves no slot (add-node): an open one elsewhere is only a warning
        }
        SlotSet near = scope.slots();
        for (var r : scope.slots().ranges()) {
            near = near.union(SlotSet.range(Math.max(0, r.start() - 1), Math.min(KeySlots.MAX, r.end() + 1)));
        }
        List<Integer> out = new ArrayList<>();
        for (NodeReport n : snapshot.reachable()) {
            ClusterNode self = n.self();
            boolean nodeInPlay = scope.nodes().contains(n.id());
            for (var e : self.migrating().entrySet()) {
                if (nodeInPlay || near.contains(e.getKey()) || scope.nodes().contains(e.getValue())) {
                    out.add(e.getKey());
                }
            }
            for (var e : self.importing().entrySet()) {
                if (nodeInPlay || near.contains(e.getKey()) || scope.nodes().contains(e.getValue())) {
                    out.add(e.getKey());
                }
            }
        }
        return SlotSet.of(out);
    }

    /** Slots in play whose owner differs between the reachable nodes' views. */
    private SlotSet disputed(SlotSet slots) {
        if (!report.has(FindingKind.NODES_DISAGREE) || slots.isEmpty()) {
            return SlotSet.EMPTY;
        }
        List<Integer> out = new ArrayList<>();
        List<NodeReport> reachable = snapshot.reachable();
        slots.stream().forEach(slot -> {
            Optional<String> first = null;
            for (NodeReport n : reachable) {
                Optional<String> owner = n.view().orElseThrow().ownerOf(slot);
                if (first == null) {
                    first = owner;
                } else if (!first.equals(owner)) {
                    out.add(slot);
                    return;
                }
            }
        });
        return SlotSet.of(out);
    }
}
