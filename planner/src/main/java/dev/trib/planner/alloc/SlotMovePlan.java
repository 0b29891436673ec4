package dev.trib.planner.alloc;

import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A list of slot moves, in the order they are meant to run, and views of it. No slot appears twice. */
public interface SlotMovePlan {

    List<SlotMove> moves();

    /** How many slots the plan moves. */
    default int slotCount() {
        return moves().size();
    }

    default boolean isEmpty() {
        return moves().isEmpty();
    }

    /** The slots each master gives away, masters in order of their first move. */
    default Map<String, SlotSet> bySource() {
        return group(moves(), true);
    }

    /** The slots each master receives, masters in order of their first move. */
    default Map<String, SlotSet> byTarget() {
        return group(moves(), false);
    }

    /** One transfer per (source, target) pair, pairs in order of their first move. */
    default List<SlotTransfer> transfers() {
        Map<List<String>, List<Integer>> pairs = new LinkedHashMap<>();
        for (SlotMove m : moves()) {
            pairs.computeIfAbsent(List.of(m.sourceId(), m.targetId()), k -> new ArrayList<>()).add(m.slot());
        }
        List<SlotTransfer> out = new ArrayList<>(pairs.size());
        pairs.forEach((pair, slots) -> out.add(new SlotTransfer(pair.get(0), pair.get(1), SlotSet.of(slots))));
        return List.copyOf(out);
    }

    /**
     * The slots of each master once every move has run: {@code owners} (master id to its slots) with the moves
     * applied. Masters keep the order of {@code owners}; a target not in it is added after them.
     *
     * @throws IllegalArgumentException when a move's source does not own its slot at that point
     */
    default Map<String, SlotSet> applyTo(Map<String, SlotSet> owners) {
        Map<String, BitSet> bits = new LinkedHashMap<>();
        owners.forEach((id, slots) -> {
            BitSet b = new BitSet();
            slots.stream().forEach(b::set);
            bits.put(id, b);
        });
        for (SlotMove m : moves()) {
            BitSet source = bits.get(m.sourceId());
            if (source == null || !source.get(m.slot())) {
                throw new IllegalArgumentException("slot " + m.slot() + " is not owned by " + m.sourceId());
            }
            source.clear(m.slot());
            bits.computeIfAbsent(m.targetId(), id -> new BitSet()).set(m.slot());
        }
        Map<String, SlotSet> out = new LinkedHashMap<>();
        bits.forEach((id, b) -> out.put(id, SlotSet.of(b.stream().boxed().toList())));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, SlotSet> group(List<SlotMove> moves, boolean bySource) {
        Map<String, List<Integer>> slots = new LinkedHashMap<>();
        for (SlotMove m : moves) {
            slots.computeIfAbsent(bySource ? m.sourceId() : m.targetId(), k -> new ArrayList<>()).add(m.slot());
        }
        Map<String, SlotSet> out = new LinkedHashMap<>();
        slots.forEach((id, s) -> out.put(id, SlotSet.of(s)));
        return Collections.unmodifiableMap(out);
    }
}
