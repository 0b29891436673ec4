package dev.trib.planner.check;

import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.SlotSet;

import java.util.List;
import java.util.Optional;

/**
 * Everything trib gathered about a cluster in one pass: the entry node first, then every node the entry knows
 * (handshake and address-less nodes left out), in the entry's CLUSTER NODES order. Immutable.
 */
public record ClusterSnapshot(HostAndPort entry, List<NodeReport> nodes) {

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a snapshot holds at least the entry node");
        }
    }

    public NodeReport entryNode() {
        return nodes.get(0);
    }

    public Optional<NodeReport> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public List<NodeReport> reachable() {
        return nodes.stream().filter(NodeReport::reachable).toList();
    }

    /** Masters as they describe themselves (or as the entry describes them when unreachable). */
    public List<NodeReport> masters() {
        return nodes.stream().filter(n -> n.self().isMaster()).toList();
    }

    /**
     * The masters that count: every master but an unreachable one without slots, which is what a failed master
     * becomes once its replica took over (the others keep it flagged master,fail until it is removed).
     */
    public List<NodeReport> countedMasters() {
        return masters().stream().filter(n -> n.reachable() || !n.self().slots().isEmpty()).toList();
    }

    /** Unreachable masters without slots: failed and replaced, waiting to be removed with del-node. */
    public List<NodeReport> replacedMasters() {
        return masters().stream().filter(n -> !n.reachable() && n.self().slots().isEmpty()).toList();
    }

    public List<NodeReport> replicasOf(String masterId) {
        return nodes.stream().filter(n -> n.self().isReplica()
                && n.self().masterId().filter(masterId::equals).isPresent()).toList();
    }

    /** The reachable masters that claim the slot for themselves: more than one is a slot with several owners. */
    public List<NodeReport> claimants(int slot) {
        return nodes.stream().filter(n -> n.reachable() && n.self().isMaster() && n.self().slots().contains(slot))
                .toList();
    }

    /** Slots that no reachable master claims for itself: what check calls uncovered and fix assigns. */
    public SlotSet uncoveredSlots() {
        SlotSet covered = SlotSet.EMPTY;
        for (NodeReport n : reachable()) {
            if (n.self().isMaster()) {
                covered = covered.union(n.self().slots());
            }
        }
        return covered.complement();
    }

    /**
     * A node trib cannot reach and that the cluster itself has declared dead: some reachable node flags it
     * {@code fail} (not just {@code fail?}, which is one node's suspicion). Commands that act on every node skip it
     * with a warning; an unreachable node the cluster still counts as alive stays an error.
     */
    public boolean knownDead(String id) {
        return node(id).filter(n -> !n.reachable()).isPresent() && reachable().stream()
                .filter(o -> !o.id().equals(id))
                .anyMatch(o -> o.view().flatMap(v -> v.node(id)).filter(seen -> seen.is(NodeFlag.FAIL)).isPresent());
    }

    /** The node as the entry node sees it: carries the entry's fail/pfail flags for it. */
    public Optional<ClusterNode> seenByEntry(String id) {
        return entryNode().view().flatMap(v -> v.node(id));
    }
}
