package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasureBalancerTest {
    private static final List<MeasureBalancer.Master> THREE = List.of(
            new MeasureBalancer.Master("a", SlotSet.range(0, 5460), 1),
            new MeasureBalancer.Master("b", SlotSet.range(5461, 10922), 1),
            new MeasureBalancer.Master("c", SlotSet.range(10923, 16383), 1));

    /** Applies the moves to the owners and returns each master's total. */
    private static Map<String, Double> after(List<MeasureBalancer.Master> masters, Map<Integer, Double> measure,
                                             List<SlotMove> moves) {
        Map<Integer, String> owner = new HashMap<>();
        masters.forEach(m -> m.slots().stream().forEach(s -> owner.put(s, m.id())));
        for (SlotMove mv : moves) {
            assertEquals(mv.sourceId(), owner.get(mv.slot()), "a move starts where the slot is: " + mv);
            owner.put(mv.slot(), mv.targetId());
        }
        Map<String, Double> total = new HashMap<>();
        masters.forEach(m -> total.put(m.id(), 0.0));
        measure.forEach((slot, m) -> total.merge(owner.get(slot), m, Double::sum));
        return total;
    }

    @Test
    void evenKeysNeedNoMove() {
        Map<Integer, Double> keys = new HashMap<>();
        for (int s = 0; s < 16384; s++) {
            keys.put(s, 10.0);
        }
        MeasureBalancer.Result r = MeasureBalancer.plan(THREE, keys, 2, false, "keys");
        assertTrue(r.balanced());
        assertTrue(r.moves().isEmpty());
    }

    @Test
    void keysPiledIntoFewSlotsOfOneMasterEndWithinTheThresholdMovingLittle() {
        Map<Integer, Double> keys = new HashMap<>();
        Random random = new Random(7);
        for (int s = 0; s < 16384; s++) {
            keys.put(s, (double) random.nextInt(3));
        }
        // 60 hot slots on a, 500 keys each: a holds most of the keys.
        for (int s = 100; s < 160; s++) {
            keys.put(s, 500.0);
        }
        MeasureBalancer.Result r = MeasureBalancer.plan(THREE, keys, 5, false, "keys");
        assertTrue(!r.balanced() && r.notes().isEmpty(), r.notes().toString());
        double total = keys.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> after = after(THREE, keys, r.moves());
        for (String id : List.of("a", "b", "c")) {
            double share = total / 3;
            assertTrue(Math.abs(after.get(id) - share) <= share * 0.05 + 1e-6, id + " " + after + " share " + share);
            assertEquals(r.after().get(id), after.get(id), 1e-6);
        }
        // Only what is beyond the bound moves: a little more than a's excess, not a's whole surplus twice over.
        double excess = r.before().get("a") - total / 3 * 1.05;
        assertTrue(r.measureMoved() >= excess && r.measureMoved() <= excess + 500, r.measureMoved() + " vs " + excess);
        assertTrue(r.moves().stream().allMatch(m -> m.sourceId().equals("a")), r.moves().toString());
    }

    @Test
    void aSlotThatAloneBreaksTheThresholdIsNotSplitAndIsNamed() {
        Map<Integer, Double> keys = new HashMap<>();
        for (int s = 0; s < 16384; s++) {
            keys.put(s, 1.0);
        }
        keys.put(42, 50_000.0);
        MeasureBalancer.Result r = MeasureBalancer.plan(THREE, keys, 2, false, "keys");
        assertEquals(1, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).startsWith("Slot 42 alone holds 50000 keys, more than node a's share"),
                r.notes().get(0));
        assertTrue(r.moves().stream().noneMatch(m -> m.slot() == 42));
        // a keeps the hot slot alone; b and c share the other 16383 keys evenly.
        Map<String, Double> after = after(THREE, keys, r.moves());
        assertEquals(50_000.0, after.get("a"));
        assertEquals(16383 / 2.0, after.get("b"), 16383 / 2.0 * 0.02);
        assertEquals(16383 / 2.0, after.get("c"), 16383 / 2.0 * 0.02);
    }

    @Test
    void weightsSetTheShares() {
        Map<Integer, Double> keys = new HashMap<>();
        for (int s = 0; s < 16384; s++) {
            keys.put(s, 3.0);
        }
        List<MeasureBalancer.Master> weighted = List.of(
                new MeasureBalancer.Master("a", SlotSet.range(0, 5460), 2),
                new MeasureBalancer.Master("b", SlotSet.range(5461, 10922), 1),
                new MeasureBalancer.Master("c", SlotSet.range(10923, 16383), 1));
        MeasureBalancer.Result r = MeasureBalancer.plan(weighted, keys, 1, false, "keys");
        Map<String, Double> after = after(weighted, keys, r.moves());
        assertEquals(16384 * 3 / 2.0, after.get("a"), 16384 * 3 / 2.0 * 0.01);
        assertEquals(16384 * 3 / 4.0, after.get("b"), 16384 * 3 / 4.0 * 0.01);
    }

    @Test
    void weightZeroDrainsEverySlotEmptyOnesToo() {
        Map<Integer, Double> keys = new HashMap<>();
        for (int s = 0; s < 16384; s += 2) {
            keys.put(s, 4.0);
        }
        List<MeasureBalancer.Master> drained = List.of(
                new MeasureBalancer.Master("a", SlotSet.range(0, 5460), 0),
                new MeasureBalancer.Master("b", SlotSet.range(5461, 10922), 1),
                new MeasureBalancer.Master("c", SlotSet.range(10923, 16383), 1));
        MeasureBalancer.Result r = MeasureBalancer.plan(drained, keys, 2, false, "keys");
        assertEquals(5461, r.moves().stream().filter(m -> m.sourceId().equals("a")).count());
        assertEquals(0.0, r.after().get("a"));
        Map<String, Double> after = after(drained, keys, r.moves());
        assertEquals(after.get("b"), after.get("c"), 16384 * 2 * 0.02);
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(PlanningException.class, () -> MeasureBalancer.plan(THREE, Map.of(1, -1.0), 2, false, "keys"));
        assertThrows(PlanningException.class, () -> MeasureBalancer.plan(THREE, Map.of(), -1, false, "keys"));
        assertThrows(PlanningException.class, () -> MeasureBalancer.plan(List.of(
                new MeasureBalancer.Master("a", SlotSet.range(0, 16383), 0)), Map.of(), 2, false, "keys"));
    }
}
