package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.trib.planner.alloc.Moves.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RebalancePlannerTest {

    private static final RebalanceOptions DEFAULTS = RebalanceOptions.defaults();
    private static final RebalanceOptions WITH_EMPTY = DEFAULTS.withUseEmptyMasters(true);

    /** The layout redis-cli create gives three masters. */
    private static final List<RebalanceNode> CREATED = List.of(
            node("m1", "0-5460"), node("m2", "5461-10922"), node("m3", "10923-16383"));

    @Test
    void defaultsAreRedisClis() {
        assertEquals(new RebalanceOptions(2.0, false), DEFAULTS);
        assertEquals(1.0, node("a", "0").weight());
        assertEquals(1.0, node("a", "0").measure());
        assertTrue(node("a", "0-9").measuredBySlots());
        assertFalse(node("a", "0-9").withMeasure(3).measuredBySlots());
    }

    @Test
    void aFreshlyCreatedClusterNeedsNoRebalancing() {
        RebalancePlan plan = RebalancePlanner.plan(CREATED, DEFAULTS);
        assertTrue(plan.withinThreshold());
        assertEquals("*** No rebalancing needed! All nodes are within the 2.00% threshold.", plan.reason());
        assertEquals(List.of(), plan.moves());
        assertEquals(map("m1", 5461, "m2", 5462, "m3", 5461), plan.expectedSlots());
    }

    @Test
    void roundingFavoursTheMasterThatAlreadyHasTheExtraSlotSoThresholdZeroMovesNothing() {
        RebalancePlan plan = RebalancePlanner.plan(CREATED, DEFAULTS.withThreshold(0));
        assertTrue(plan.withinThreshold());
        assertEquals("*** No rebalancing needed! All nodes are within the 0.00% threshold.", plan.reason());
    }

    @Test
    void thresholdIsPrintedWithTwoDecimals() {
        List<RebalanceNode> nodes = List.of(node("a", "0-8199"), node("b", "8200-16383"));
        assertEquals("*** No rebalancing needed! All nodes are within the 7.50% threshold.",
                RebalancePlanner.plan(nodes, DEFAULTS.withThreshold(7.5)).reason());
    }

    @Test
    void thresholdIsMeasuredAgainstTheExpectedCount() {
        // b is 163 below 8192: 1.99 % of what it should have (within), 2.03 % of what it has (redis-cli's formula).
        RebalancePlan within = RebalancePlanner.plan(
                List.of(node("a", "0-8354"), node("b", "8355-16383")), DEFAULTS);
        assertTrue(within.withinThreshold());
        // 164 off is 2.002 %: over the threshold.
        RebalancePlan over = RebalancePlanner.plan(List.of(node("a", "0-8355"), node("b", "8356-16383")), DEFAULTS);
        assertFalse(over.withinThreshold());
        assertEquals("Node a is 2.00% off its share: 8356 slots where 8192 are expected (threshold 2.00%).",
                over.reason());
        assertEquals(List.of(new SlotTransfer("a", "b", SlotSet.parse("0-163"))), over.transfers());
    }

    @Test
    void thresholdZeroRebalancesAnyDifference() {
        RebalancePlan plan = RebalancePlanner.plan(
                List.of(node("a", "0-8192"), node("b", "8193-16383")), DEFAULTS.withThreshold(0));
        assertEquals(List.of(Moves.move(0, "a", "b")), plan.moves());
        assertEquals("Node a is 0.01% off its share: 8193 slots where 8192 are expected (threshold 0.00%).",
                plan.reason());
    }

    @Test
    void anEmptyMasterTakesPartOnlyWhenAskedTo() {
        List<RebalanceNode> nodes = new ArrayList<>(CREATED);
        nodes.add(node("new", ""));
        RebalancePlan without = RebalancePlanner.plan(nodes, DEFAULTS);
        assertTrue(without.withinThreshold());
        assertEquals(map("m1", 5461, "m2", 5462, "m3", 5461, "new", 0), without.expectedSlots());

        RebalancePlan with = RebalancePlanner.plan(nodes, WITH_EMPTY);
        assertFalse(with.withinThreshold());
        assertEquals("Node new is 100.00% off its share: 0 slots where 4096 are expected (threshold 2.00%).",
                with.reason());
        assertEquals(map("m1", 4096, "m2", 4096, "m3", 4096, "new", 4096), with.expectedSlots());
        // Largest surplus first (m2 has one more), then m1 before m3 by id; each gives its lowest slots.
        assertEquals(List.of(
                new SlotTransfer("m2", "new", SlotSet.parse("5461-6826")),
                new SlotTransfer("m1", "new", SlotSet.parse("0-1364")),
                new SlotTransfer("m3", "new", SlotSet.parse("10923-12287"))), with.transfers());
        assertEquals(4096, with.slotCount());
    }

    @Test
    void aWeightZeroMasterIsDrainedToExactlyZero() {
        List<RebalanceNode> nodes = List.of(node("m1", "0-5460"), node("m2", "5461-10922"),
                node("m3", "10923-16383", 0));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        assertEquals("Node m3 has weight 0 but owns 5461 slots.", plan.reason());
        assertEquals(map("m1", 8192, "m2", 8192, "m3", 0), plan.expectedSlots());
        assertEquals(List.of(
                new SlotTransfer("m3", "m1", SlotSet.parse("10923-13653")),
                new SlotTransfer("m3", "m2", SlotSet.parse("13654-16383"))), plan.transfers());
        assertEquals(SlotSet.EMPTY, plan.applyTo(Moves.ofNodes(nodes)).get("m3"));
    }

    @Test
    void aWeightZeroMasterWithSlotsIsDrainedWhateverTheThreshold() {
        List<RebalanceNode> nodes = List.of(node("a", "0-16382"), node("b", "16383", 0));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS.withThreshold(1000));
        assertEquals(List.of(Moves.move(16383, "b", "a")), plan.moves());
    }

    @Test
    void aWeightZeroMasterWithoutSlotsIsLeftAlone() {
        List<RebalanceNode> nodes = new ArrayList<>(CREATED);
        nodes.add(node("spare", "", 0));
        RebalancePlan plan = RebalancePlanner.plan(nodes, WITH_EMPTY);
        assertTrue(plan.withinThreshold());
        assertEquals(0, RebalancePlanner.expected(nodes, WITH_EMPTY).get("spare"));
    }

    @Test
    void weightsSetTheShares() {
        List<RebalanceNode> nodes = List.of(node("m1", "0-5460"), node("m2", "5461-10922", 2),
                node("m3", "10923-16383"));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        assertEquals(map("m1", 4096, "m2", 8192, "m3", 4096), plan.expectedSlots());
        assertEquals(List.of(
                new SlotTransfer("m1", "m2", SlotSet.parse("0-1364")),
                new SlotTransfer("m3", "m2", SlotSet.parse("10923-12287"))), plan.transfers());
    }

    @Test
    void fractionalWeightsRoundByLargestRemainderToExactly16384() {
        List<RebalanceNode> nodes = List.of(node("m1", "0-5460", 1.5), node("m2", "5461-10922", 1),
                node("m3", "10923-16383", 0.5));
        // Exact shares 8192, 5461.33, 2730.67: the only leftover slot goes to the 0.67.
        assertEquals(map("m1", 8192, "m2", 5461, "m3", 2731), RebalancePlanner.expected(nodes, DEFAULTS));
    }

    @Test
    void equalRemaindersGoToTheMasterWithMoreSlotsThenById() {
        List<RebalanceNode> nodes = List.of(node("b", "8000-15999"), node("a", "0-7999"), node("c", "16000-16383"));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        assertEquals(map("b", 5461, "a", 5462, "c", 5461), plan.expectedSlots());
        assertEquals(List.of(
                new SlotTransfer("b", "c", SlotSet.parse("8000-10538")),
                new SlotTransfer("a", "c", SlotSet.parse("0-2537"))), plan.transfers());
    }

    @Test
    void movesOnlyTheSurplusesLargestSurplusToLargestDeficit() {
        List<RebalanceNode> nodes = List.of(node("a", "0-7999"), node("b", "8000-13999"),
                node("c", "14000-15999"), node("d", "16000-16383"));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        // Surpluses a 3904, b 1904; deficits c 2096, d 3712.
        assertEquals(List.of(
                new SlotTransfer("a", "d", SlotSet.parse("0-3711")),
                new SlotTransfer("b", "c", SlotSet.parse("8000-9903")),
                new SlotTransfer("a", "c", SlotSet.parse("3712-3903"))), plan.transfers());
        assertEquals(3904 + 1904, plan.slotCount());
    }

    @Test
    void oneOverfullMasterFeedsTheOthersInOrderOfNeed() {
        List<RebalanceNode> nodes = List.of(node("a", "0-9999"), node("b", "10000-13999"),
                node("c", "14000-15999"), node("d", "16000-16383"));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        assertEquals(List.of(
                new SlotTransfer("a", "d", SlotSet.parse("0-3711")),
                new SlotTransfer("a", "c", SlotSet.parse("3712-5807")),
                new SlotTransfer("a", "b", SlotSet.parse("5808-5903"))), plan.transfers());
        Map<String, SlotSet> after = plan.applyTo(Moves.ofNodes(nodes));
        after.values().forEach(s -> assertEquals(4096, s.size()));
    }

    @Test
    void onlyTheSlotsInPlayAreShared() {
        RebalancePlan plan = RebalancePlanner.plan(List.of(node("a", "0-149"), node("b", "150-199")), DEFAULTS);
        assertEquals(map("a", 100, "b", 100), plan.expectedSlots());
        assertEquals(List.of(new SlotTransfer("a", "b", SlotSet.parse("0-49"))), plan.transfers());
    }

    @Test
    void expectedGivesTheTargetsEvenWhenThePlanMovesNothing() {
        List<RebalanceNode> nodes = List.of(node("a", "0-8199"), node("b", "8200-16383"));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        assertTrue(plan.withinThreshold());
        assertEquals(map("a", 8200, "b", 8184), plan.expectedSlots());
        assertEquals(map("a", 8192, "b", 8192), RebalancePlanner.expected(nodes, DEFAULTS));
    }

    @Test
    void fiveHundredMastersFinishQuicklyWithEveryMasterWithinOneSlot() {
        List<RebalanceNode> nodes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String id = String.format("node%03d", i);
            nodes.add(i < 10 ? node(id, (i * 1638) + "-" + (i == 9 ? 16383 : i * 1638 + 1637)) : node(id, ""));
        }
        RebalancePlan plan = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> RebalancePlanner.plan(nodes, WITH_EMPTY));
        // 16384 / 500 = 32.77: 384 masters get 33, the 10 that own slots among them.
        long with33 = plan.expectedSlots().values().stream().filter(v -> v == 33).count();
        assertEquals(384, with33);
        plan.expectedSlots().values().forEach(v -> assertTrue(v == 32 || v == 33, v.toString()));
        assertEquals(16384 - 10 * 33, plan.slotCount());
        Map<String, SlotSet> after = plan.applyTo(Moves.ofNodes(nodes));
        after.forEach((id, s) -> assertEquals(plan.expectedSlots().get(id), s.size(), id));
    }

    @Test
    void byMeasureAMasterDenserThanItsShareGivesSlotsAway() {
        List<RebalanceNode> nodes = List.of(node("a", "0-8191").withMeasure(3000),
                node("b", "8192-16383").withMeasure(1000));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        assertEquals("Node a is 50.00% off its share: measure 3000 where 2000 is expected (threshold 2.00%).",
                plan.reason());
        // a keeps 2/3 of its slots (5461.33), b gets the rest (10922.67); the leftover slot goes to b.
        assertEquals(map("a", 5461, "b", 10923), plan.expectedSlots());
        assertEquals(List.of(new SlotTransfer("a", "b", SlotSet.parse("0-2730"))), plan.transfers());
    }

    @Test
    void byMeasureUnequalSlotCountsWithinTheThresholdMoveNothing() {
        List<RebalanceNode> nodes = List.of(node("a", "0-9999").withMeasure(3000),
                node("b", "10000-16383").withMeasure(3050));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        assertTrue(plan.withinThreshold());
        assertEquals(map("a", 10000, "b", 6384), plan.expectedSlots());
        assertEquals(map("a", 10052, "b", 6332), RebalancePlanner.expected(nodes, DEFAULTS));
    }

    @Test
    void byMeasureAWeightZeroMasterIsDrainedAndItsSlotsGoWhereMeasureIsLacking() {
        List<RebalanceNode> nodes = List.of(node("a", "0-5000", 0).withMeasure(500),
                node("b", "5001-10000").withMeasure(100), node("c", "10001-16383").withMeasure(300));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        // b lacks 350 of its 450, c 150: b gets 70 % of a's 5001 slots (8500.7), c 30 % (7883.3).
        assertEquals(map("a", 0, "b", 8501, "c", 7883), plan.expectedSlots());
        assertEquals(List.of(
                new SlotTransfer("a", "b", SlotSet.parse("0-3500")),
                new SlotTransfer("a", "c", SlotSet.parse("3501-5000"))), plan.transfers());
    }

    @Test
    void byMeasureAllZeroFallsBackToSlotCounts() {
        List<RebalanceNode> nodes = List.of(node("a", "0-9999").withMeasure(0),
                node("b", "10000-16383").withMeasure(0));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        assertEquals("Node a is 22.07% off its share: 10000 slots where 8192 are expected (threshold 2.00%).",
                plan.reason());
        assertEquals(List.of(new SlotTransfer("a", "b", SlotSet.parse("0-1807"))), plan.transfers());
    }

    @Test
    void byMeasureAnImbalanceNoWholeSlotCanFixIsReportedWithoutMoves() {
        List<RebalanceNode> nodes = List.of(node("a", "0").withMeasure(100), node("b", "1").withMeasure(1));
        RebalancePlan plan = RebalancePlanner.plan(nodes, DEFAULTS);
        assertFalse(plan.withinThreshold());
        assertEquals(List.of(), plan.moves());
        assertEquals(map("a", 1, "b", 1), plan.expectedSlots());
        assertEquals("Node a is 98.02% off its share: measure 100 where 50.5 is expected (threshold 2.00%)."
                + " Moving whole slots cannot bring it closer.", plan.reason());
    }

    @Test
    void samePlanWhateverTheOrderOfMasters() {
        List<RebalanceNode> nodes = List.of(node("c", "0-99"), node("a", "100-16000"), node("d", ""),
                node("b", "16001-16383", 3));
        List<RebalanceNode> reversed = new ArrayList<>(nodes);
        java.util.Collections.reverse(reversed);
        assertEquals(RebalancePlanner.plan(nodes, WITH_EMPTY).moves(),
                RebalancePlanner.plan(reversed, WITH_EMPTY).moves());
    }

    @Test
    void refusesNothingToRebalance() {
        assertError("No masters to rebalance.", List.of(), DEFAULTS);
        assertError("No master owns any slot: there is nothing to rebalance.",
                List.of(node("a", ""), node("b", "")), WITH_EMPTY);
    }

    @Test
    void refusesWhenEveryMasterTakingPartHasWeightZero() {
        List<RebalanceNode> nodes = List.of(node("a", "0-100", 0), node("b", ""));
        assertError("Every master taking part has weight 0, so none could take their slots"
                + " (masters without slots take part only when empty masters are used).", nodes, DEFAULTS);
        assertError("Every master taking part has weight 0, so none could take their slots.",
                List.of(node("a", "0-100", 0), node("b", "", 0)), WITH_EMPTY);
        // With empty masters b can take a's slots.
        assertEquals(List.of(new SlotTransfer("a", "b", SlotSet.parse("0-100"))),
                RebalancePlanner.plan(nodes, WITH_EMPTY).transfers());
    }

    @Test
    void refusesBadWeightsMeasuresAndThresholds() {
        assertError("The weight of node a must be a number of 0 or more, not -1.",
                List.of(node("a", "0", -1), node("b", "1")), DEFAULTS);
        assertError("The weight of node b must be a number of 0 or more, not NaN.",
                List.of(node("a", "0"), node("b", "1", Double.NaN)), DEFAULTS);
        assertError("The weight of node b must be a number of 0 or more, not Infinity.",
                List.of(node("a", "0"), node("b", "1", Double.POSITIVE_INFINITY)), DEFAULTS);
        assertError("The measure of node a must be a number of 0 or more, not -3.",
                List.of(node("a", "0").withMeasure(-3), node("b", "1")), DEFAULTS);
        assertError("The threshold must be a percentage of 0 or more, not -1.",
                CREATED, DEFAULTS.withThreshold(-1));
        assertError("The threshold must be a percentage of 0 or more, not NaN.",
                CREATED, DEFAULTS.withThreshold(Double.NaN));
        assertError("Node b owns no slots but its measure is 5: fix the cluster first.",
                List.of(node("a", "0"), node("b", "").withMeasure(5)), DEFAULTS);
    }

    @Test
    void refusesInconsistentMasters() {
        assertError("Master a is listed more than once.", List.of(node("a", "0"), node("a", "1")), DEFAULTS);
        assertError("Slot 7 is owned by both a and b: fix the cluster first.",
                List.of(node("a", "0-7"), node("b", "7-9")), DEFAULTS);
    }

    private static void assertError(String message, List<RebalanceNode> nodes, RebalanceOptions options) {
        PlanningException e = assertThrows(PlanningException.class, () -> RebalancePlanner.plan(nodes, options));
        assertEquals(message, e.getMessage());
        assertEquals(message, assertThrows(PlanningException.class,
                () -> RebalancePlanner.expected(nodes, options)).getMessage());
        assertFalse(message.contains("\n"));
    }

    private static Map<String, Integer> map(Object... idsAndCounts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < idsAndCounts.length; i += 2) {
            m.put((String) idsAndCounts[i], (Integer) idsAndCounts[i + 1]);
        }
        return m;
    }
}
