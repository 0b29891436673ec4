package dev.trib.planner.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cluster as one node sees it (one CLUSTER NODES reply). Immutable. */
public final class ClusterView {
    private final List<ClusterNode> nodes;
    private final Map<String, ClusterNode> byId;
    /** Built on first use: most views are only asked about their nodes, and 16384 entries per view add up. */
    private volatile String[] ownerBySlot;

    public ClusterView(List<ClusterNode> nodes) {
        this.nodes = List.copyOf(nodes);
        Map<String, ClusterNode> ids = new LinkedHashMap<>();
        for (ClusterNode n : this.nodes) {
            ids.put(n.id(), n);
        }
        this.byId = ids;
    }

    private String[] ownerBySlot() {
        String[] owners = ownerBySlot;
        if (owners == null) {
            owners = new String[KeySlots.COUNT];
            for (ClusterNode n : nodes) {
                for (SlotRange r : n.slots().ranges()) {
                    for (int s = r.start(); s <= r.end(); s++) {
                        if (owners[s] == null) {
                            owners[s] = n.id();
                        }
                    }
                }
            }
            ownerBySlot = owners;
        }
        return owners;
    }

    public List<ClusterNode> nodes() {
        return nodes;
    }

    public Optional<ClusterNode> myself() {
        return nodes.stream().filter(ClusterNode::isMyself).findFirst();
    }

    public Optional<ClusterNode> node(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<ClusterNode> masters() {
        return nodes.stream().filter(ClusterNode::isMaster).toList();
    }

    public List<ClusterNode> replicasOf(String masterId) {
        return nodes.stream().filter(n -> n.isReplica() && n.masterId().filter(masterId::equals).isPresent()).toList();
    }

    /** The id of the node this view says serves the slot, if any. */
    public Optional<String> ownerOf(int slot) {
        return Optional.ofNullable(ownerBySlot()[KeySlots.checkSlot(slot)]);
    }

    /** Slots no node in this view claims. */
    public SlotSet uncoveredSlots() {
        List<Integer> missing = new ArrayList<>();
        String[] owners = ownerBySlot();
        for (int s = 0; s < KeySlots.COUNT; s++) {
            if (owners[s] == null) {
                missing.add(s);
            }
        }
        return SlotSet.of(missing);
    }

    /** What this node believes about slot ownership; equal signatures mean two nodes agree. */
    public SlotSignature slotSignature() {
        Map<String, SlotSet> owners = new java.util.HashMap<>();
        for (ClusterNode n : nodes) {
            if (!n.slots().isEmpty()) {
                owners.put(n.id(), n.slots());
            }
        }
        return new SlotSignature(owners);
    }

    @Override
    public String toString() {
        return "ClusterView" + Arrays.toString(nodes.stream().map(ClusterNode::id).toArray());
    }
}
