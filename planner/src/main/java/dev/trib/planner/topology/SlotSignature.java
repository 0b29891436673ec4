package dev.trib.planner.topology;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one node believes about slot ownership: every master with slots, and its slots. Two nodes agree about
 * the slots configuration when their signatures are equal. Compared as a map, not as text: a check of 150 nodes
 * compares 150 signatures of 75 owners each, and printing them all cost more than the rest of the check.
 */
public record SlotSignature(Map<String, SlotSet> owners) {
    public SlotSignature {
        owners = Map.copyOf(owners);
    }

    /** {@code id:ranges} for each owner, sorted by id, joined by {@code |}: for messages and tests. */
    @Override
    public String toString() {
        return owners.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining("|"));
    }
}
