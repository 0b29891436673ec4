package dev.trib.planner.alloc;

import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.trib.planner.alloc.Moves.move;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotMovePlanTest {

    private static final ReshardPlan PLAN = new ReshardPlan(List.of(
            move(0, "a", "t"), move(1, "a", "t"), move(5, "a", "u"),
            move(100, "b", "t"), move(2, "a", "t")));

    @Test
    void slotMoveRejectsMovingToItselfAndSlotsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> move(3, "a", "a"));
        assertThrows(IllegalArgumentException.class, () -> move(16384, "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> move(-1, "a", "b"));
        assertThrows(NullPointerException.class, () -> move(1, null, "b"));
        assertEquals("7: a -> b", move(7, "a", "b").toString());
    }

    @Test
    void planRejectsASlotMovedTwice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReshardPlan(List.of(move(9, "a", "t"), move(9, "b", "t"))));
        assertEquals("slot 9 is moved more than once", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RebalancePlan(
                List.of(move(9, "a", "t"), move(9, "t", "a")), Map.of(), false, "x"));
    }

    @Test
    void planIsACopyAndCannotBeChanged() {
        List<SlotMove> input = new ArrayList<>(List.of(move(1, "a", "b")));
        ReshardPlan plan = new ReshardPlan(input);
        input.add(move(2, "a", "b"));
        assertEquals(1, plan.slotCount());
        assertThrows(UnsupportedOperationException.class, () -> plan.moves().add(move(3, "a", "b")));
        assertThrows(UnsupportedOperationException.class, () -> plan.bySource().put("x", SlotSet.EMPTY));
    }

    @Test
    void countsAndGroupsMovesBySourceAndTarget() {
        assertEquals(5, PLAN.slotCount());
        assertEquals(List.of("a", "b"), List.copyOf(PLAN.bySource().keySet()));
        assertEquals(SlotSet.parse("0-2,5"), PLAN.bySource().get("a"));
        assertEquals(SlotSet.of(100), PLAN.bySource().get("b"));
        assertEquals(List.of("t", "u"), List.copyOf(PLAN.byTarget().keySet()));
        assertEquals(SlotSet.parse("0-2,100"), PLAN.byTarget().get("t"));
    }

    @Test
    void transfersPairEachSourceWithEachTargetInOrderOfFirstMove() {
        assertEquals(List.of(
                new SlotTransfer("a", "t", SlotSet.parse("0-2")),
                new SlotTransfer("a", "u", SlotSet.of(5)),
                new SlotTransfer("b", "t", SlotSet.of(100))), PLAN.transfers());
        assertEquals(3, PLAN.transfers().get(0).slotCount());
        assertEquals("a -> t: 0-2 (3 slots)", PLAN.transfers().get(0).toString());
    }

    @Test
    void emptyPlanHasNoSlotsAndNoGroups() {
        ReshardPlan empty = new ReshardPlan(List.of());
        assertTrue(empty.isEmpty());
        assertEquals(0, empty.slotCount());
        assertEquals(Map.of(), empty.bySource());
        assertEquals(List.of(), empty.transfers());
    }

    @Test
    void applyToMovesSlotsAndAddsNewTargetsAfterTheGivenMasters() {
        Map<String, SlotSet> before = new LinkedHashMap<>();
        before.put("b", SlotSet.parse("100-200"));
        before.put("a", SlotSet.parse("0-10"));
        Map<String, SlotSet> after = PLAN.applyTo(before);
        assertEquals(List.of("b", "a", "t", "u"), List.copyOf(after.keySet()));
        assertEquals(SlotSet.parse("101-200"), after.get("b"));
        assertEquals(SlotSet.parse("3-4,6-10"), after.get("a"));
        assertEquals(SlotSet.parse("0-2,100"), after.get("t"));
        assertEquals(SlotSet.of(5), after.get("u"));
        assertEquals(SlotSet.parse("100-200"), before.get("b"), "input left untouched");
    }

    @Test
    void applyToRefusesAMoveFromANodeThatDoesNotOwnTheSlot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PLAN.applyTo(Map.of("a", SlotSet.parse("0-10"), "b", SlotSet.parse("101-200"))));
        assertEquals("slot 100 is not owned by b", e.getMessage());
    }

    @Test
    void rebalancePlanWithinThresholdCannotMoveSlots() {
        assertThrows(IllegalArgumentException.class,
                () -> new RebalancePlan(List.of(move(1, "a", "b")), Map.of(), true, "x"));
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("z", 1);
        expected.put("a", 2);
        RebalancePlan plan = new RebalancePlan(List.of(), expected, true, "ok");
        assertEquals(List.of("z", "a"), List.copyOf(plan.expectedSlots().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> plan.expectedSlots().put("b", 3));
    }
}
