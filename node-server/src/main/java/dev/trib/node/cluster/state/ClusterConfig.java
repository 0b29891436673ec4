package dev.trib.node.cluster.state;

import dev.trib.planner.topology.KeySlots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster configuration as one immutable value: who I am, the nodes I know, which node owns
 * each slot, open (migrating/importing) slots and the epochs. Every change builds a new value
 * through {@link #edit()}; {@link ClusterStateStore} is the one place that swaps and persists it.
 */
public final class ClusterConfig {

    private final String myId;
    private final Map<String, ClusterNode> nodes;
    private final String[] owners;
    private final Map<Integer, String> migrating;
    private final Map<Integer, String> importing;
    private final long currentEpoch;
    private final long lastVoteEpoch;

    private ClusterConfig(String myId, Map<String, ClusterNode> nodes, String[] owners, Map<Integer, String> migrating,
                          Map<Integer, String> importing, long currentEpoch, long lastVoteEpoch) {
        this.myId = myId;
        this.nodes = nodes;
        this.owners = owners;
        this.migrating = migrating;
        this.importing = importing;
        this.currentEpoch = currentEpoch;
        this.lastVoteEpoch = lastVoteEpoch;
    }

    /** A fresh node that knows only itself: a master with no slots and epoch 0. */
    public static ClusterConfig fresh(ClusterNode myself) {
        Map<String, ClusterNode> nodes = new LinkedHashMap<>();
        nodes.put(myself.id(), myself);
        return new ClusterConfig(myself.id(), Collections.unmodifiableMap(nodes), new String[KeySlots.COUNT], Map.of(),
                Map.of(), 0, 0);
    }

    public String myId() {
        return myId;
    }

    public ClusterNode myself() {
        return nodes.get(myId);
    }

    public ClusterNode node(String id) {
        return nodes.get(id);
    }

    /** Every node, myself first, then in the order they were learnt. */
    public Collection<ClusterNode> nodes() {
        return nodes.values();
    }

    public int size() {
        return nodes.size();
    }

    /** Owner of a slot, or null. */
    public String owner(int slot) {
        return owners[slot];
    }

    public ClusterNode ownerNode(int slot) {
        String id = owners[slot];
        return id == null ? null : nodes.get(id);
    }

    public String migratingTo(int slot) {
        return migrating.get(slot);
    }

    public String importingFrom(int slot) {
        return importing.get(slot);
    }

    /** slot -> target, ascending. */
    public Map<Integer, String> migrating() {
        return migrating;
    }

    /** slot -> source, ascending. */
    public Map<Integer, String> importing() {
        return importing;
    }

    public long currentEpoch() {
        return currentEpoch;
    }

    public long lastVoteEpoch() {
        return lastVoteEpoch;
    }

    public BitSet slotsOf(String id) {
        BitSet out = new BitSet(KeySlots.COUNT);
        for (int s = 0; s < KeySlots.COUNT; s++) {
            if (id.equals(owners[s])) {
                out.set(s);
            }
        }
        return out;
    }

    public int slotCount(String id) {
        return countOwned(owners, id);
    }

    /** Slots of an owner table that name the node: the configuration's and an editor's count alike. */
    private static int countOwned(String[] owners, String id) {
        int n = 0;
        for (String o : owners) {
            if (id.equals(o)) {
                n++;
            }
        }
        return n;
    }

    /** Slot ranges per owner, each list ascending: one pass over the owner array. */
    public Map<String, List<int[]>> rangesByOwner() {
        Map<String, List<int[]>> out = new LinkedHashMap<>();
        int s = 0;
        while (s < KeySlots.COUNT) {
            String o = owners[s];
            int start = s;
            while (s + 1 < KeySlots.COUNT && o != null && o.equals(owners[s + 1])) {
                s++;
            }
            if (o != null) {
                out.computeIfAbsent(o, k -> new ArrayList<>()).add(new int[] {start, s});
            }
            s++;
        }
        return out;
    }

    /** The replicas whose master is the given node. */
    public List<ClusterNode> replicasOf(String masterId) {
        List<ClusterNode> out = new ArrayList<>();
        for (ClusterNode n : nodes.values()) {
            if (n.isReplica() && masterId.equals(n.masterId())) {
                out.add(n);
            }
        }
        return out;
    }

    /** The greatest of the current epoch and every node's config epoch. */
    public long maxEpoch() {
        long max = currentEpoch;
        for (ClusterNode n : nodes.values()) {
            max = Math.max(max, n.configEpoch());
        }
        return max;
    }

    /** The config epoch a node's slot claims carry: a replica's is its master's. */
    public long effectiveConfigEpoch(ClusterNode n) {
        if (n.isReplica() && n.masterId() != null && nodes.containsKey(n.masterId())) {
            return nodes.get(n.masterId()).configEpoch();
        }
        return n.configEpoch();
    }

    public Editor edit() {
        return new Editor(this);
    }

    /** Accumulates changes on copies; {@link #build()} returns the original when nothing changed. */
    public static final class Editor {
        private final ClusterConfig base;
        private String myId;
        private final LinkedHashMap<String, ClusterNode> nodes;
        private String[] owners;
        private final TreeMap<Integer, String> migrating;
        private final TreeMap<Integer, String> importing;
        private long currentEpoch;
        private long lastVoteEpoch;
        private boolean changed;

        private Editor(ClusterConfig base) {
            this.base = base;
            this.myId = base.myId;
            this.nodes = new LinkedHashMap<>(base.nodes);
            this.owners = base.owners;
            this.migrating = new TreeMap<>(base.migrating);
            this.importing = new TreeMap<>(base.importing);
            this.currentEpoch = base.currentEpoch;
            this.lastVoteEpoch = base.lastVoteEpoch;
        }

        public ClusterNode node(String id) {
            return nodes.get(id);
        }

        public ClusterNode myself() {
            return nodes.get(myId);
        }

        public String myId() {
            return myId;
        }

        public String owner(int slot) {
            return owners[slot];
        }

        public long currentEpoch() {
            return currentEpoch;
        }

        public Collection<ClusterNode> nodes() {
            return new ArrayList<>(nodes.values());
        }

        public Editor put(ClusterNode node) {
            ClusterNode old = nodes.put(node.id(), node);
            changed |= !node.equals(old);
            return this;
        }

        /** Replaces the node stored under oldId by one with a new id, keeping its slots and position. */
        public Editor rename(String oldId, String newId) {
            LinkedHashMap<String, ClusterNode> copy = new LinkedHashMap<>();
            for (Map.Entry<String, ClusterNode> e : nodes.entrySet()) {
                if (e.getKey().equals(oldId)) {
                    copy.put(newId, e.getValue().withId(newId));
                } else {
                    copy.put(e.getKey(), e.getValue());
                }
            }
            nodes.clear();
            nodes.putAll(copy);
            for (int s = 0; s < KeySlots.COUNT; s++) {
                if (oldId.equals(owners[s])) {
                    setOwner(s, newId);
                }
            }
            if (oldId.equals(myId)) {
                myId = newId;
            }
            changed = true;
            return this;
        }

        /** Forgets a node: its slots become unassigned and open-slot references to it are dropped. */
        public Editor remove(String id) {
            if (nodes.remove(id) == null) {
                return this;
            }
            changed = true;
            for (int s = 0; s < KeySlots.COUNT; s++) {
                if (id.equals(owners[s])) {
                    setOwner(s, null);
                }
            }
            migrating.values().removeIf(id::equals);
            importing.values().removeIf(id::equals);
            for (ClusterNode n : nodes()) {
                if (id.equals(n.masterId())) {
                    put(n.withMaster(null));
                }
            }
            return this;
        }

        public Editor setOwner(int slot, String id) {
            if (java.util.Objects.equals(owners[slot], id)) {
                return this;
            }
            if (owners == base.owners) {
                owners = Arrays.copyOf(owners, KeySlots.COUNT);
            }
            owners[slot] = id;
            changed = true;
            return this;
        }

        public Editor migrating(int slot, String target) {
            changed |= !java.util.Objects.equals(target == null ? migrating.remove(slot)
                    : migrating.put(slot, target), target);
            return this;
        }

        public Editor importing(int slot, String source) {
            changed |= !java.util.Objects.equals(source == null ? importing.remove(slot)
                    : importing.put(slot, source), source);
            return this;
        }

        public String migratingTo(int slot) {
            return migrating.get(slot);
        }

        public String importingFrom(int slot) {
            return importing.get(slot);
        }

        public Editor clearOpenSlots() {
            changed |= !migrating.isEmpty() || !importing.isEmpty();
            migrating.clear();
            importing.clear();
            return this;
        }

        public Editor currentEpoch(long epoch) {
            changed |= epoch != currentEpoch;
            currentEpoch = epoch;
            return this;
        }

        public Editor lastVoteEpoch(long epoch) {
            changed |= epoch != lastVoteEpoch;
            lastVoteEpoch = epoch;
            return this;
        }

        public int slotCount(String id) {
            return countOwned(owners, id);
        }

        public ClusterConfig build() {
            if (!changed) {
                return base;
            }
            return new ClusterConfig(myId, Collections.unmodifiableMap(new LinkedHashMap<>(nodes)), owners,
                    Collections.unmodifiableMap(new TreeMap<>(migrating)),
                    Collections.unmodifiableMap(new TreeMap<>(importing)), currentEpoch, lastVoteEpoch);
        }
    }
}
