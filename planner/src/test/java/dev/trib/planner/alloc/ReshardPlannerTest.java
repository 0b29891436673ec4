package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.trib.planner.alloc.Moves.master;
import static dev.trib.planner.alloc.Moves.move;
import static dev.trib.planner.alloc.Moves.slots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReshardPlannerTest {

    /** Four equal masters listed out of id order, and an empty new master t. */
    private static final List<MasterSlots> FOUR_EQUAL = List.of(
            master("d", "0-4095"), master("c", "4096-8191"), master("b", "8192-12287"), master("a", "12288-16383"),
            master("t", ""));

    private static final List<MasterSlots> THREE = List.of(
            master("m1", "0-5460"), master("m2", "5461-10922"), master("m3", "10923-16383"));

    @Test
    void fourEqualSourcesAndTenSlotsMoveExactlyTenNotRedisClisNine() {
        ReshardPlan plan = ReshardPlanner.plan(FOUR_EQUAL, ReshardRequest.fromAll("t", 10));
        assertEquals(10, plan.slotCount());
        // Equal sizes and remainders: sources in id order, the first two get the two leftover slots.
        assertEquals(List.of(
                new SlotTransfer("a", "t", SlotSet.parse("12288-12290")),
                new SlotTransfer("b", "t", SlotSet.parse("8192-8194")),
                new SlotTransfer("c", "t", SlotSet.parse("4096-4097")),
                new SlotTransfer("d", "t", SlotSet.parse("0-1"))), plan.transfers());
    }

    @Test
    void movesAreListedSourceBySourceLowestSlotFirst() {
        ReshardPlan plan = ReshardPlanner.plan(THREE, new ReshardRequest(List.of("m3", "m1"), "m2", 4));
        assertEquals(List.of(move(0, "m1", "m2"), move(1, "m1", "m2"),
                move(10923, "m3", "m2"), move(10924, "m3", "m2")), plan.moves());
    }

    @Test
    void sourcesGiveInOrderOfSlotCountLargestFirst() {
        List<MasterSlots> masters = List.of(
                master("b", "0-99"), master("a", "100-199"), master("c", "200-499"), master("t", "500-16383"));
        ReshardPlan plan = ReshardPlanner.plan(masters, ReshardRequest.fromAll("t", 50));
        // Exact shares 30, 10, 10: c (300 slots) first, then a and b by id.
        assertEquals(List.of(
                new SlotTransfer("c", "t", SlotSet.parse("200-229")),
                new SlotTransfer("a", "t", SlotSet.parse("100-109")),
                new SlotTransfer("b", "t", SlotSet.parse("0-9"))), plan.transfers());
    }

    @Test
    void leftoverSlotsGoToTheLargestRemainders() {
        // 7, 5 and 3 slots, 8 to move: exact 3.73, 2.67, 1.60 -> floors 3+2+1, leftovers to the 0.73 and 0.67.
        List<MasterSlots> masters = List.of(
                master("x", "0-6"), master("y", "10-14"), master("z", "20-22"), master("t", ""));
        ReshardPlan plan = ReshardPlanner.plan(masters, ReshardRequest.fromAll("t", 8));
        assertEquals(Map.of("x", SlotSet.parse("0-3"), "y", SlotSet.parse("10-12"), "z", SlotSet.of(20)),
                plan.bySource());
    }

    @Test
    void equalRemaindersFavourTheSourceWithMoreSlots() {
        // 5 and 3 slots, 4 to move: exact 2.5 and 1.5, both remainders one half; the larger source gets the slot.
        List<MasterSlots> masters = List.of(master("a", "0-2"), master("b", "10-14"), master("t", ""));
        ReshardPlan plan = ReshardPlanner.plan(masters, ReshardRequest.fromAll("t", 4));
        assertEquals(Map.of("b", SlotSet.parse("10-12"), "a", SlotSet.of(0)), plan.bySource());
    }

    @Test
    void sharesDifferFromTheExactProportionByLessThanOneSlot() {
        List<MasterSlots> masters = List.of(
                master("a", "0-999"), master("b", "1000-1332"), master("c", "1333-1339"), master("t", ""));
        ReshardPlan plan = ReshardPlanner.plan(masters, ReshardRequest.fromAll("t", 777));
        assertEquals(777, plan.slotCount());
        Map<String, SlotSet> given = plan.bySource();
        for (MasterSlots m : masters.subList(0, 3)) {
            double exact = 777.0 * m.slots().size() / 1340;
            int share = given.getOrDefault(m.id(), SlotSet.EMPTY).size();
            assertEquals(exact, share, 0.999, m.id());
        }
    }

    @Test
    void aSourceGivesItsLowestSlotsAcrossGaps() {
        List<MasterSlots> masters = List.of(master("a", "10-12,100-200,7000"), master("t", "0-9"));
        ReshardPlan plan = ReshardPlanner.plan(masters, ReshardRequest.fromAll("t", 6));
        assertEquals(List.of(10, 11, 12, 100, 101, 102), slots(plan.moves()));
    }

    @Test
    void movingEverythingTheSourcesOwnEmptiesThem() {
        ReshardPlan plan = ReshardPlanner.plan(THREE, ReshardRequest.fromAll("m1", 10923));
        assertEquals(Map.of("m2", SlotSet.parse("5461-10922"), "m3", SlotSet.parse("10923-16383")),
                plan.bySource());
        assertEquals(SlotSet.ALL, plan.applyTo(Moves.ofMasters(THREE)).get("m1"));
    }

    @Test
    void allSourcesLeaveOutTheTargetAndMastersWithoutSlots() {
        List<MasterSlots> masters = new ArrayList<>(THREE);
        masters.add(master("empty", ""));
        ReshardPlan plan = ReshardPlanner.plan(masters, ReshardRequest.fromAll("m2", 100));
        assertEquals(List.of("m1", "m3"), List.copyOf(plan.bySource().keySet()));
        assertEquals(50, plan.bySource().get("m1").size());
        assertEquals(50, plan.bySource().get("m3").size());
        plan.moves().forEach(m -> assertEquals("m2", m.targetId()));
    }

    @Test
    void namedSourcesAreTheOnlyOnesUsed() {
        ReshardPlan plan = ReshardPlanner.plan(THREE, new ReshardRequest(List.of("m3"), "m1", 3));
        assertEquals(List.of(move(10923, "m3", "m1"), move(10924, "m3", "m1"), move(10925, "m3", "m1")),
                plan.moves());
    }

    @Test
    void samePlanWhateverTheOrderOfMastersAndSources() {
        List<MasterSlots> reversed = new ArrayList<>(FOUR_EQUAL);
        java.util.Collections.reverse(reversed);
        assertEquals(ReshardPlanner.plan(FOUR_EQUAL, ReshardRequest.fromAll("t", 1001)),
                ReshardPlanner.plan(reversed, ReshardRequest.fromAll("t", 1001)));
        assertEquals(ReshardPlanner.plan(THREE, new ReshardRequest(List.of("m1", "m3"), "m2", 11)),
                ReshardPlanner.plan(THREE, new ReshardRequest(List.of("m3", "m1"), "m2", 11)));
    }

    @Test
    void oneSlotComesFromTheLargestSource() {
        List<MasterSlots> masters = List.of(master("a", "0-99"), master("b", "100-300"), master("t", ""));
        assertEquals(List.of(move(100, "b", "t")),
                ReshardPlanner.plan(masters, ReshardRequest.fromAll("t", 1)).moves());
    }

    @Test
    void refusesZeroSlotsAndMoreThanTheSourcesOwn() {
        assertError("The number of slots to move must be from 1 to 16384 (what the source nodes own), not 0.",
                FOUR_EQUAL, ReshardRequest.fromAll("t", 0));
        assertError("The number of slots to move must be from 1 to 16384 (what the source nodes own), not -5.",
                FOUR_EQUAL, ReshardRequest.fromAll("t", -5));
        assertError("The number of slots to move must be from 1 to 5461 (what the source nodes own), not 5462.",
                THREE, new ReshardRequest(List.of("m1"), "m2", 5462));
    }

    @Test
    void refusesAnUnknownTarget() {
        assertError("The target node nope is not a master of this cluster.", THREE, ReshardRequest.fromAll("nope", 1));
    }

    @Test
    void refusesTheTargetAsASource() {
        assertError("The target node m2 cannot also be a source node.",
                THREE, new ReshardRequest(List.of("m1", "m2"), "m2", 1));
    }

    @Test
    void refusesAnUnknownOrRepeatedSource() {
        assertError("The source node zz is not a master of this cluster.",
                THREE, new ReshardRequest(List.of("m1", "zz"), "m2", 1));
        assertError("The source node m1 is listed more than once.",
                THREE, new ReshardRequest(List.of("m1", "m3", "m1"), "m2", 1));
    }

    @Test
    void refusesANamedSourceWithoutSlots() {
        List<MasterSlots> masters = new ArrayList<>(THREE);
        masters.add(master("empty", ""));
        assertError("The source node empty has no slots to give.",
                masters, new ReshardRequest(List.of("m1", "empty"), "m2", 1));
    }

    @Test
    void refusesWhenOnlyTheTargetOwnsSlots() {
        List<MasterSlots> masters = List.of(master("a", "0-16383"), master("b", ""));
        assertError("No source nodes: no master other than the target a owns slots.",
                masters, ReshardRequest.fromAll("a", 1));
    }

    @Test
    void refusesInconsistentMasters() {
        assertError("Master m1 is listed more than once.",
                List.of(master("m1", "0-5"), master("m1", "6-7"), master("t", "")), ReshardRequest.fromAll("t", 1));
        assertError("Slot 5 is owned by both m1 and m2: fix the cluster first.",
                List.of(master("m1", "0-5"), master("m2", "5-7"), master("t", "")), ReshardRequest.fromAll("t", 1));
    }

    @Test
    void requestCopiesItsSources() {
        List<String> sources = new ArrayList<>(List.of("m1"));
        ReshardRequest request = new ReshardRequest(sources, "m2", 1);
        sources.add("m3");
        assertEquals(List.of("m1"), request.sourceIds());
        assertFalse(request.fromAllMasters());
    }

    private static void assertError(String message, List<MasterSlots> masters, ReshardRequest request) {
        PlanningException e = assertThrows(PlanningException.class, () -> ReshardPlanner.plan(masters, request));
        assertEquals(message, e.getMessage());
        assertFalse(message.contains("\n"));
    }
}
