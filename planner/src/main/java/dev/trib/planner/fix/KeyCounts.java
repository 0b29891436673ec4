package dev.trib.planner.fix;

import dev.trib.planner.topology.SlotSet;

import java.util.HashMap;
import java.util.Map;

/**
 * Keys per slot as nodes counted them ({@code CLUSTER COUNTKEYSINSLOT}), by node id: the slots
 * {@link FixPlanner#countsNeeded} asks for. A slot that was not counted (or whose count failed) counts as 0. Immutable.
 */
public final class KeyCounts {
    public static final KeyCounts NONE = new KeyCounts(Map.of());

    private final Map<String, Map<Integer, Long>> byNode;

    private KeyCounts(Map<String, Map<Integer, Long>> byNode) {
        Map<String, Map<Integer, Long>> copy = new HashMap<>();
        byNode.forEach((id, counts) -> copy.put(id, Map.copyOf(counts)));
        this.byNode = Map.copyOf(copy);
    }

    public static KeyCounts of(Map<String, Map<Integer, Long>> byNode) {
        return new KeyCounts(byNode);
    }

    public static Builder builder() {
        return new Builder();
    }

    public long of(String nodeId, int slot) {
        return byNode.getOrDefault(nodeId, Map.of()).getOrDefault(slot, 0L);
    }

    /** The counted slots of the node that hold keys. */
    public SlotSet slotsWithKeys(String nodeId) {
        return SlotSet.of(byNode.getOrDefault(nodeId, Map.of()).entrySet().stream().filter(e -> e.getValue() > 0)
                .map(Map.Entry::getKey).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyCounts k && k.byNode.equals(byNode);
    }

    @Override
    public int hashCode() {
        return byNode.hashCode();
    }

    @Override
    public String toString() {
        return byNode.toString();
    }

    public static final class Builder {
        private final Map<String, Map<Integer, Long>> byNode = new HashMap<>();

        public Builder put(String nodeId, int slot, long keys) {
            byNode.computeIfAbsent(nodeId, k -> new HashMap<>()).put(slot, keys);
            return this;
        }

        public KeyCounts build() {
            return new KeyCounts(byNode);
        }
    }
}
