package dev.trib.planner.check;

import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.SlotSet;
import dev.trib.planner.topology.SlotSignature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a {@link ClusterSnapshot} into findings, in the order redis-cli reports them (agreement, open slots,
 * coverage, multiple owners) followed by the node-health findings redis-cli does not make.
 * Slot ownership is what each reachable master claims for itself, as redis-cli computes it.
 */
public final class ClusterChecker {
    private ClusterChecker() {
    }

    public static CheckReport check(ClusterSnapshot snapshot, boolean searchMultipleOwners) {
        List<Finding> findings = new ArrayList<>();
        agreement(snapshot, findings);
        openSlots(snapshot, findings);
        coverage(snapshot, findings);
        if (searchMultipleOwners) {
            multipleOwners(snapshot, findings);
        }
        nodeHealth(snapshot, findings);
        return new CheckReport(snapshot, findings, searchMultipleOwners);
    }

    private static void agreement(ClusterSnapshot s, List<Finding> out) {
        // Compared with the first, not hashed: equal signatures are the normal case, and hashing each costs more.
        SlotSignature first = null;
        boolean disagree = false;
        for (NodeReport n : s.reachable()) {
            SlotSignature signature = n.view().orElseThrow().slotSignature();
            if (first == null) {
                first = signature;
            } else if (!first.equals(signature)) {
                disagree = true;
                break;
            }
        }
        if (disagree) {
            List<String> ids = s.reachable().stream().map(NodeReport::id).toList();
            out.add(new Finding(FindingKind.NODES_DISAGREE, Severity.ERROR,
                    "Nodes don't agree about configuration!", SlotSet.EMPTY, ids));
        }
    }

    private static void openSlots(ClusterSnapshot s, List<Finding> out) {
        TreeSet<Integer> open = new TreeSet<>();
        List<String> openNodes = new ArrayList<>();
        for (NodeReport n : s.reachable()) {
            ClusterNode self = n.self();
            if (!self.migrating().isEmpty()) {
                out.add(new Finding(FindingKind.SLOT_MIGRATING, Severity.WARNING,
                        "Node " + n.address() + " has slots in migrating state " + list(self.migrating()) + ".",
                        SlotSet.of(self.migrating().keySet()), List.of(n.id())));
            }
            if (!self.importing().isEmpty()) {
                out.add(new Finding(FindingKind.SLOT_IMPORTING, Severity.WARNING,
                        "Node " + n.address() + " has slots in importing state " + list(self.importing()) + ".",
                        SlotSet.of(self.importing().keySet()), List.of(n.id())));
            }
            if (self.hasOpenSlots()) {
                open.addAll(self.migrating().keySet());
                open.addAll(self.importing().keySet());
                openNodes.add(n.id());
            }
        }
        if (!open.isEmpty()) {
            out.add(new Finding(FindingKind.OPEN_SLOTS, Severity.WARNING,
                    "The following slots are open: " + SlotSet.of(open) + ".", SlotSet.of(open), openNodes));
        }
    }

    /** As ranges (0-511,600): 512 open slots read as one short line, not 3 KB of numbers. */
    private static String list(Map<Integer, String> slots) {
        return SlotSet.of(slots.keySet()).toString();
    }

    private static void coverage(ClusterSnapshot s, List<Finding> out) {
        SlotSet uncovered = s.uncoveredSlots();
        if (!uncovered.isEmpty()) {
            List<String> unreachableOwners = s.nodes().stream()
                    .filter(n -> !n.reachable() && n.self().isMaster()
                            && !n.self().slots().intersect(uncovered).isEmpty())
                    .map(NodeReport::id).toList();
            out.add(new Finding(FindingKind.SLOTS_UNCOVERED, Severity.ERROR,
                    "Not all " + KeySlots.COUNT + " slots are covered by nodes.", uncovered, unreachableOwners));
        }
    }

    /** One finding per run of consecutive slots claimed by the same owners, so 512 shared slots are one line. */
    private static void multipleOwners(ClusterSnapshot s, List<Finding> out) {
        int slot = 0;
        while (slot < KeySlots.COUNT) {
            List<NodeReport> owners = s.claimants(slot);
            if (owners.size() < 2) {
                slot++;
                continue;
            }
            int end = slot;
            while (end + 1 < KeySlots.COUNT && s.claimants(end + 1).equals(owners)) {
                end++;
            }
            SlotSet run = SlotSet.range(slot, end);
            out.add(new Finding(FindingKind.MULTIPLE_OWNERS, Severity.WARNING,
                    (slot == end ? "Slot " + slot + " has " : "Slots " + run + " have ") + owners.size()
                            + " owners: " + owners.stream().map(o -> o.address().toString())
                            .collect(Collectors.joining(", ")), run, owners.stream().map(NodeReport::id).toList()));
            slot = end + 1;
        }
    }

    private static void nodeHealth(ClusterSnapshot s, List<Finding> out) {
        Map<String, List<String>> flaggedFailingBy = flaggedFailingBy(s);
        for (NodeReport n : s.nodes()) {
            List<String> flaggedBy = flaggedFailingBy.getOrDefault(n.id(), List.of());
            String flagged = flaggedBy.isEmpty() ? "" : " and is flagged as failing by " + String.join(", ", flaggedBy);
            if (!n.reachable()) {
                out.add(new Finding(FindingKind.NODE_UNREACHABLE, Severity.ERROR,
                        "Node " + n.address() + " (" + n.self().shortId() + ") is unreachable: "
                                + n.failure().orElse("?") + flagged + ".",
                        n.self().isMaster() ? n.self().slots() : SlotSet.EMPTY, List.of(n.id())));
            } else if (!flaggedBy.isEmpty()) {
                out.add(new Finding(FindingKind.NODE_FLAGGED_FAILING, Severity.WARNING,
                        "Node " + n.address() + " (" + n.self().shortId() + ") is reachable but flagged as failing by "
                                + String.join(", ", flaggedBy) + ".", SlotSet.EMPTY, List.of(n.id())));
            }
        }
        for (NodeReport n : s.nodes()) {
            if (!n.self().isReplica()) {
                continue;
            }
            Optional<String> masterId = n.self().masterId();
            Optional<NodeReport> master = masterId.flatMap(s::node);
            String problem = null;
            if (masterId.isEmpty() || master.isEmpty()) {
                problem = "replicates " + masterId.orElse("no node") + ", which is not in the cluster";
            } else if (!master.get().reachable()) {
                problem = "replicates " + master.get().address() + " (" + master.get().self().shortId()
                        + "), which is unreachable";
            } else if (!master.get().self().isMaster()) {
                problem = "replicates " + master.get().address() + " (" + master.get().self().shortId()
                        + "), which is not a master";
            }
            if (problem != null) {
                out.add(new Finding(FindingKind.REPLICA_WITHOUT_MASTER, Severity.ERROR,
                        "Replica " + n.address() + " (" + n.self().shortId() + ") " + problem + ".", SlotSet.EMPTY,
                        List.of(n.id())));
            }
        }
        for (NodeReport n : s.reachable()) {
            String state = n.clusterInfo().get("cluster_state");
            if (state != null && !state.equals("ok")) {
                out.add(new Finding(FindingKind.CLUSTER_STATE_FAIL, Severity.ERROR,
                        "Node " + n.address() + " reports cluster_state:" + state + ".", SlotSet.EMPTY,
                        List.of(n.id())));
            }
        }
    }

    /**
     * For each node some other reachable node flags fail or pfail, the addresses of those observers, in snapshot
     * order. One pass over every view's lines, not one lookup per node and view: at 150 nodes that was 22,500.
     */
    private static Map<String, List<String>> flaggedFailingBy(ClusterSnapshot s) {
        Map<String, List<String>> by = new HashMap<>();
        for (NodeReport observer : s.reachable()) {
            for (ClusterNode seen : observer.view().orElseThrow().nodes()) {
                if ((seen.is(NodeFlag.FAIL) || seen.is(NodeFlag.PFAIL)) && !seen.id().equals(observer.id())) {
                    by.computeIfAbsent(seen.id(), k -> new ArrayList<>()).add(observer.address().toString());
                }
            }
        }
        return by;
    }
}
