package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.trib.planner.alloc.Moves.apply;
import static dev.trib.planner.alloc.Moves.assertGaveLowestFirst;
import static dev.trib.planner.alloc.Moves.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random clusters (1-60 masters, slots in random contiguous chunks, some masters empty, some slots
 * uncovered): the invariants of reshard and rebalance plans, checked against an owner-per-slot model.
 */
class SlotMovePropertyTest {
    private static final int CASES = 300;
    private static final double EPS = 1e-9;

    @Test
    void reshardMovesExactlyTheSlotsAskedForFairlyAndSafely() {
        Random random = new Random(7001);
        int planned = 0;
        for (int c = 0; c < CASES; c++) {
            List<String> ids = ids(random, 1 + random.nextInt(random.nextInt(5) == 0 ? 60 : 12));
            List<SlotSet> slots = layout(random, ids.size());
            List<MasterSlots> masters = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                masters.add(new MasterSlots(ids.get(i), slots.get(i)));
            }
            String target = ids.get(random.nextInt(ids.size()));
            List<MasterSlots> candidates = masters.stream()
                    .filter(m -> !m.id().equals(target) && !m.slots().isEmpty()).toList();
            if (candidates.isEmpty()) {
                continue;
            }
            List<MasterSlots> sources = new ArrayList<>(candidates);
            boolean all = random.nextBoolean();
            if (!all) {
                Collections.shuffle(sources, random);
                sources = sources.subList(0, 1 + random.nextInt(sources.size()));
            }
            long owned = sources.stream().mapToLong(m -> m.slots().size()).sum();
            int n = 1 + random.nextInt((int) owned);
            ReshardRequest request = all ? ReshardRequest.fromAll(target, n)
                    : new ReshardRequest(sources.stream().map(MasterSlots::id).toList(), target, n);
            String label = "case " + c + " (" + ids.size() + " masters, " + n + " slots to " + target + ")";

            ReshardPlan plan = ReshardPlanner.plan(masters, request);
            planned++;

            assertEquals(n, plan.slotCount(), label);
            String[] before = Moves.owners(Moves.ofMasters(masters));
            String[] after = apply(before, plan.moves(), label);
            assertEquals(count(before, target) + n, count(after, target), label);
            Set<String> sourceIds = new HashSet<>(sources.stream().map(MasterSlots::id).toList());
            Map<String, SlotSet> given = plan.bySource();
            for (SlotMove m : plan.moves()) {
                assertEquals(target, m.targetId(), label);
                assertTrue(sourceIds.contains(m.sourceId()), () -> label + ": " + m.sourceId() + " is no source");
            }
            // Shares: within one slot of the exact proportion, and rounded up only where the remainder is largest.
            long minUp = Long.MAX_VALUE;
            long maxDown = Long.MIN_VALUE;
            for (MasterSlots s : sources) {
                SlotSet gave = given.getOrDefault(s.id(), SlotSet.EMPTY);
                assertGaveLowestFirst(s.slots(), gave, label + " source " + s.id());
                long numerator = (long) n * s.slots().size();
                long floor = numerator / owned;
                assertTrue(gave.size() == floor || gave.size() == floor + 1 && numerator % owned != 0,
                        label + ": " + s.id() + " gave " + gave.size() + ", exact " + numerator + "/" + owned);
                if (gave.size() > floor) {
                    minUp = Math.min(minUp, numerator % owned);
                } else {
                    maxDown = Math.max(maxDown, numerator % owned);
                }
            }
            assertTrue(minUp == Long.MAX_VALUE || maxDown <= minUp, label + ": a smaller remainder was rounded up");
            assertEquals(plan, ReshardPlanner.plan(shuffled(masters, random), request), label + ": order matters");
        }
        assertTrue(planned >= 250, "only " + planned + " cases planned");
    }

    @Test
    void rebalanceBySlotsReachesTheLargestRemainderSharesWithTheFewestMoves() {
        Random random = new Random(7002);
        int moved = 0;
        int within = 0;
        for (int c = 0; c < CASES; c++) {
            Case input = Case.random(random, false);
            String label = "case " + c + ": " + input;
            RebalancePlan plan;
            try {
                plan = RebalancePlanner.plan(input.nodes, input.options);
            } catch (PlanningException e) {
                assertTrue(input.participants().stream().mapToDouble(RebalanceNode::weight).sum() == 0
                        || input.slotsInPlay() == 0, label + ": " + e.getMessage());
                continue;
            }
            Map<String, Integer> expected = RebalancePlanner.expected(input.nodes, input.options);
            checkLargestRemainder(input, expected, label);
            boolean needed = false;
            for (RebalanceNode m : input.participants()) {
                int e = expected.get(m.id());
                int s = m.slots().size();
                needed |= m.weight() == 0 || e == 0 ? s > 0
                        : Math.abs(s - e) * 100.0 / e > input.options.thresholdPercent();
            }
            assertEquals(!needed, plan.withinThreshold(), label + ": " + plan.reason());
            if (plan.withinThreshold()) {
                within++;
                assertTrue(plan.moves().isEmpty(), label);
                assertTrue(plan.reason().startsWith("*** No rebalancing needed!"), label);
                input.nodes.forEach(m -> assertEquals(m.slots().size(), plan.expectedSlots().get(m.id()), label));
                continue;
            }
            moved++;
            assertEquals(expected, plan.expectedSlots(), label);
            checkMoves(input, plan, label);
            double slots = input.slotsInPlay();
            double weight = input.participants().stream().mapToDouble(RebalanceNode::weight).sum();
            Map<String, Integer> after = Moves.counts(apply(Moves.owners(Moves.ofNodes(input.nodes)), plan.moves(),
                    label));
            for (RebalanceNode m : input.participants()) {
                double exact = slots * m.weight() / weight;
                int owned = after.getOrDefault(m.id(), 0);
                assertTrue(Math.abs(owned - exact) < 1 + EPS, label + ": " + m.id() + " ends with " + owned
                        + ", exact share " + exact);
            }
            assertEquals(plan.moves(), RebalancePlanner.plan(shuffled(input.nodes, random), input.options).moves(),
                    label + ": order matters");
        }
        assertTrue(moved >= 150 && within >= 10, moved + " rebalanced, " + within + " within the threshold");
    }

    @Test
    void rebalanceByMeasureKeepsThePlanInvariantsAndBalancesTheMeasure() {
        Random random = new Random(7003);
        int moved = 0;
        for (int c = 0; c < CASES; c++) {
            Case input = Case.random(random, true);
            String label = "case " + c + ": " + input;
            RebalancePlan plan;
            try {
                plan = RebalancePlanner.plan(input.nodes, input.options);
            } catch (PlanningException e) {
                assertTrue(input.participants().stream().mapToDouble(RebalanceNode::weight).sum() == 0
                        || input.slotsInPlay() == 0, label + ": " + e.getMessage());
                continue;
            }
            Map<String, Integer> expected = RebalancePlanner.expected(input.nodes, input.options);
            assertEquals(input.slotsInPlay(), expected.values().stream().mapToLong(Integer::longValue).sum(), label);
            double measure = input.participants().stream().mapToDouble(RebalanceNode::measure).sum();
            double weight = input.participants().stream().mapToDouble(RebalanceNode::weight).sum();
            if (measure == 0) {
                continue; // balanced by slots: covered above
            }
            boolean needed = false;
            for (RebalanceNode m : input.participants()) {
                double share = measure * m.weight() / weight;
                needed |= m.weight() == 0 ? !m.slots().isEmpty()
                        : Math.abs(m.measure() - share) * 100 / share > input.options.thresholdPercent();
                if (m.weight() > 0 && m.measure() > share) {
                    // Above its share: keeps the slots holding its share, to within one slot of its own density.
                    double density = m.measure() / m.slots().size();
                    double after = expected.get(m.id()) * density;
                    assertTrue(Math.abs(after - share) < density + EPS * measure, label + ": " + m.id()
                            + " keeps " + expected.get(m.id()) + " slots holding " + after + ", share " + share);
                }
            }
            assertEquals(!needed, plan.withinThreshold(), label + ": " + plan.reason());
            if (plan.withinThreshold()) {
                assertTrue(plan.moves().isEmpty(), label);
                continue;
            }
            moved += plan.isEmpty() ? 0 : 1;
            assertEquals(expected, plan.expectedSlots(), label);
            checkMoves(input, plan, label);
        }
        assertTrue(moved >= 150, "only " + moved + " cases moved slots");
    }

    /** Sums to the slots in play, within one slot of the exact share, weight 0 gets 0, largest remainders round up. */
    private static void checkLargestRemainder(Case input, Map<String, Integer> expected, String label) {
        double slots = input.slotsInPlay();
        double weight = input.participants().stream().mapToDouble(RebalanceNode::weight).sum();
        long sum = 0;
        double minUp = Double.MAX_VALUE;
        double maxDown = -1;
        for (RebalanceNode m : input.nodes) {
            int e = expected.get(m.id());
            if (!input.participants().contains(m)) {
                assertEquals(m.slots().size(), e, label + ": " + m.id() + " does not take part");
                continue;
            }
            sum += e;
            double exact = slots * m.weight() / weight;
            assertTrue(Math.abs(e - exact) < 1 + EPS, label + ": " + m.id() + " expects " + e + ", exact " + exact);
            if (m.weight() == 0) {
                assertEquals(0, e, label + ": " + m.id() + " has weight 0");
                continue;
            }
            double fraction = exact - Math.floor(exact);
            if (e > Math.floor(exact) + EPS) {
                minUp = Math.min(minUp, fraction);
            } else {
                maxDown = Math.max(maxDown, fraction);
            }
        }
        assertEquals(input.slotsInPlay(), sum, label);
        assertTrue(maxDown <= minUp + 1e-6, label + ": remainder " + maxDown + " rounded down, " + minUp + " up");
    }

    /** Applies the moves independently: they end at the expected counts, move only surpluses, lowest slots first. */
    private static void checkMoves(Case input, RebalancePlan plan, String label) {
        String[] before = Moves.owners(Moves.ofNodes(input.nodes));
        Map<String, Integer> after = Moves.counts(apply(before, plan.moves(), label));
        long surplus = 0;
        Map<String, SlotSet> given = plan.bySource();
        Map<String, SlotSet> taken = plan.byTarget();
        for (RebalanceNode m : input.nodes) {
            int e = plan.expectedSlots().get(m.id());
            assertEquals(e, after.getOrDefault(m.id(), 0), label + ": " + m.id() + " ends off its expected count");
            surplus += Math.max(0, m.slots().size() - e);
            assertFalse(given.containsKey(m.id()) && taken.containsKey(m.id()), label + ": " + m.id()
                    + " both gives and takes");
            assertGaveLowestFirst(m.slots(), given.getOrDefault(m.id(), SlotSet.EMPTY), label + " " + m.id());
            if (m.weight() == 0 && input.participants().contains(m)) {
                assertEquals(0, after.getOrDefault(m.id(), 0), label + ": " + m.id() + " has weight 0");
            }
        }
        assertEquals(surplus, plan.slotCount(), label + ": not the fewest moves");
    }

    private record Case(List<RebalanceNode> nodes, RebalanceOptions options) {

        static Case random(Random random, boolean byMeasure) {
            List<String> ids = ids(random, 1 + random.nextInt(random.nextInt(5) == 0 ? 60 : 12));
            List<SlotSet> slots = layout(random, ids.size());
            List<RebalanceNode> nodes = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                RebalanceNode node = RebalanceNode.of(ids.get(i), slots.get(i), weight(random));
                if (byMeasure) {
                    double[] densities = {0, 0.5, 1, 3, 10, 61.7, random.nextDouble() * 100};
                    node = node.withMeasure(node.slots().size() * densities[random.nextInt(densities.length)]);
                }
                nodes.add(node);
            }
            double[] thresholds = {0, 2, 2, 10, 50};
            return new Case(nodes, new RebalanceOptions(thresholds[random.nextInt(thresholds.length)],
                    random.nextBoolean()));
        }

        private static double weight(Random random) {
            return switch (random.nextInt(8)) {
                case 0 -> 0;
                case 1 -> 2;
                case 2 -> 0.5;
                case 3 -> 0.1 + random.nextDouble() * 5;
                default -> 1;
            };
        }

        List<RebalanceNode> participants() {
            return nodes.stream().filter(m -> !m.slots().isEmpty() || options.useEmptyMasters()).toList();
        }

        long slotsInPlay() {
            return nodes.stream().mapToLong(m -> m.slots().size()).sum();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            nodes.forEach(m -> sb.append(m.id()).append('=').append(m.slots().size()).append('/')
                    .append(m.weight()).append('/').append(m.measure()).append(' '));
            return sb + "" + options;
        }
    }

    /** Unique ids whose order differs from the input order. */
    private static List<String> ids(Random random, int n) {
        Set<String> ids = new HashSet<>();
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String id = Integer.toHexString(0x1000 + random.nextInt(0xf000));
            if (ids.add(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Random contiguous chunks to random masters; about 1 in 20 chunks uncovered, sometimes whole masters empty. */
    private static List<SlotSet> layout(Random random, int masters) {
        int chunks = masters + random.nextInt(3 * masters + 1);
        Set<Integer> cuts = new HashSet<>();
        while (cuts.size() < chunks - 1) {
            cuts.add(1 + random.nextInt(KeySlots.COUNT - 1));
        }
        List<Integer> bounds = new ArrayList<>(cuts);
        bounds.add(0);
        bounds.add(KeySlots.COUNT);
        Collections.sort(bounds);
        int owners = random.nextInt(4) == 0 ? Math.max(1, masters - 1 - random.nextInt(masters)) : masters;
        List<SlotSet> slots = new ArrayList<>(Collections.nCopies(masters, SlotSet.EMPTY));
        for (int i = 0; i + 1 < bounds.size(); i++) {
            if (random.nextInt(20) == 0) {
                continue;
            }
            int owner = random.nextInt(owners);
            slots.set(owner, slots.get(owner).union(SlotSet.range(bounds.get(i), bounds.get(i + 1) - 1)));
        }
        return slots;
    }

    private static <T> List<T> shuffled(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }
}
