package dev.trib.planner.alloc;

import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fixture builders and an owner-per-slot model of a cluster that applies and checks moves without using the
 * planners' own helpers.
 */
final class Moves {
    private Moves() {
    }

    static MasterSlots master(String id, String slots) {
        return new MasterSlots(id, SlotSet.parse(slots));
    }

    static RebalanceNode node(String id, String slots) {
        return RebalanceNode.of(id, SlotSet.parse(slots));
    }

    static RebalanceNode node(String id, String slots, double weight) {
        return RebalanceNode.of(id, SlotSet.parse(slots), weight);
    }

    static SlotMove move(int slot, String source, String target) {
        return new SlotMove(slot, source, target);
    }

    /** Owner id of each slot, null where no master owns it. */
    static String[] owners(Map<String, SlotSet> slotsById) {
        String[] owner = new String[KeySlots.COUNT];
        slotsById.forEach((id, slots) -> slots.stream().forEach(s -> {
            if (owner[s] != null) {
                fail("fixture gives slot " + s + " to " + owner[s] + " and " + id);
            }
            owner[s] = id;
        }));
        return owner;
    }

    static Map<String, SlotSet> ofMasters(List<MasterSlots> masters) {
        Map<String, SlotSet> m = new LinkedHashMap<>();
        masters.forEach(x -> m.put(x.id(), x.slots()));
        return m;
    }

    static Map<String, SlotSet> ofNodes(List<RebalanceNode> nodes) {
        Map<String, SlotSet> m = new LinkedHashMap<>();
        nodes.forEach(x -> m.put(x.id(), x.slots()));
        return m;
    }

    /**
     * Applies the moves one by one to a copy of {@code owner}, failing when a move's source does not own its slot at
     * that point or a slot is moved twice. Each slot keeps exactly one owner by construction of the array, so
     * comparing coverage before and after checks that no slot was lost or duplicated.
     */
    static String[] apply(String[] owner, List<SlotMove> moves, String label) {
        String[] after = owner.clone();
        Set<Integer> moved = new HashSet<>();
        for (SlotMove m : moves) {
            if (!moved.add(m.slot())) {
                fail(label + ": slot " + m.slot() + " moved twice");
            }
            if (!m.sourceId().equals(after[m.slot()])) {
                fail(label + ": " + m + " but the slot's owner is " + after[m.slot()]);
            }
            after[m.slot()] = m.targetId();
        }
        for (int s = 0; s < KeySlots.COUNT; s++) {
            if ((owner[s] == null) != (after[s] == null)) {
                fail(label + ": coverage of slot " + s + " changed");
            }
        }
        return after;
    }

    /** Slots per owner id, in one pass. */
    static Map<String, Integer> counts(String[] owner) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (String o : owner) {
            if (o != null) {
                counts.merge(o, 1, Integer::sum);
            }
        }
        return counts;
    }

    static int count(String[] owner, String id) {
        int n = 0;
        for (String o : owner) {
            if (id.equals(o)) {
                n++;
            }
        }
        return n;
    }

    /** The slots in move order, for literal comparisons. */
    static List<Integer> slots(List<SlotMove> moves) {
        List<Integer> out = new ArrayList<>();
        moves.forEach(m -> out.add(m.slot()));
        return out;
    }

    /** Checks a source gave its lowest-numbered slots: every slot it gave is below every slot it kept. */
    static void assertGaveLowestFirst(SlotSet before, SlotSet given, String label) {
        SlotSet kept = before.minus(given);
        if (!given.isEmpty() && !kept.isEmpty()) {
            int highestGiven = given.stream().max().orElseThrow();
            int lowestKept = kept.stream().min().orElseThrow();
            assertTrue(highestGiven < lowestKept, label + ": gave " + highestGiven + " but kept " + lowestKept);
        }
    }
}
