package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Plans {@code rebalance}: moves slots between masters so each owns a share proportional to its weight.
 *
 * <p>As redis-cli:
 * <ul>
 *   <li>Masters without slots take part only with {@code useEmptyMasters}; a master with weight 0 that owns slots
 *       always takes part, so it can be drained.</li>
 *   <li>Nothing moves when every master taking part is within the threshold: a master is off when
 *       {@code |actual - expected| / expected * 100 > threshold}, and always when it owns slots but its expected
 *       share is 0 (weight 0, or a share that rounds to no slot). The plan then says
 *       {@code *** No rebalancing needed! All nodes are within the 2.00% threshold.}. redis-cli's formula,
 *       {@code |100 - 100 * expected / actual|}, measures against the actual count instead and makes a threshold of 0
 *       disable rebalancing; here 0 means "rebalance on any difference".</li>
 *   <li>Slots move from the master with the largest surplus to the one with the largest deficit, repeatedly; each
 *       source gives its lowest-numbered slots first (as redis-cli, so which slots move is easy to predict).</li>
 * </ul>
 *
 * <p>Better than redis-cli:
 * <ul>
 *   <li>Expected slot counts are rounded by the largest-remainder method (ties: the master owning more slots now,
 *       then id), so they add up to exactly the slots in play (16384 in a covered cluster), every master ends within
 *       one slot of its exact share, and a master of weight 0 ends with exactly 0 slots (redis-cli floors every
 *       share, then patches the sum and can leave a slot behind).</li>
 *   <li>The plan is the minimum number of slot moves: each move takes a slot from a master above its expected count
 *       to one below it, so the slots moved are the sum of the surpluses. Each pairing step settles a source or a
 *       target for good, so there are fewer steps than masters: no endless loop however many masters there are.</li>
 * </ul>
 *
 * <p>Balancing by another measure (keys, memory): when some master's {@code measure} is not its slot count, the
 * expected share of the measure is {@code total * weight / total weight}. A master above its share keeps the fraction
 * of its slots that holds its share, assuming its measure is spread evenly over its slots; a master below its share
 * receives slots in proportion to what it lacks, at the average density of the slots given away. These real-valued
 * slot counts are then rounded as above, and the moves made the same way. When the whole measure is 0 the slot count
 * is balanced instead.
 */
public final class RebalancePlanner {
    private RebalancePlanner() {
    }

    /**
     * The slot count each master will own after rebalancing (every master given, in input order; those not taking
     * part keep their count), whether or not the threshold calls for a rebalance. For dry-run "before/after" output.
     *
     * @throws PlanningException as {@link #plan}
     */
    public static Map<String, Integer> expected(List<RebalanceNode> masters, RebalanceOptions options) {
        return Model.of(masters, options).expectedSlots();
    }

    /**
     * @param masters every master of the cluster (replicas left out)
     * @throws PlanningException when no master is given or any owns a slot, a master is listed twice, two masters own
     *                           one slot, a weight, measure or the threshold is negative or not a number, a master
     *                           without slots has a measure, or every master taking part has weight 0
     */
    public static RebalancePlan plan(List<RebalanceNode> masters, RebalanceOptions options) {
        Model model = Model.of(masters, options);
        Offence worst = model.worstOffence(options.thresholdPercent());
        if (worst == null) {
            Map<String, Integer> unchanged = new LinkedHashMap<>();
            masters.forEach(m -> unchanged.put(m.id(), m.slots().size()));
            return new RebalancePlan(List.of(), unchanged, true, String.format(Locale.ROOT,
                    "*** No rebalancing needed! All nodes are within the %.2f%% threshold.",
                    options.thresholdPercent()));
        }
        List<SlotMove> moves = model.moves();
        String reason = worst.describe(options.thresholdPercent());
        if (moves.isEmpty()) {
            reason += " Moving whole slots cannot bring it closer.";
        }
        return new RebalancePlan(moves, model.expectedSlots(), false, reason);
    }

    /** A master taking part that is off its share; {@code percent} is infinite when its share is 0. */
    private record Offence(RebalanceNode node, double percent, int expectedSlots, double expectedMeasure,
                           boolean bySlots) {

        String describe(double threshold) {
            if (node.weight() == 0) {
                return "Node " + node.id() + " has weight 0 but owns " + node.slots().size() + " slots.";
            }
            if (Double.isInfinite(percent)) {
                return "Node " + node.id() + " owns " + node.slots().size() + " slots but its share rounds to 0 slots.";
            }
            String amounts = bySlots
                    ? node.slots().size() + " slots where " + expectedSlots + " are expected"
                    : "measure " + number(node.measure()) + " where " + number(expectedMeasure) + " is expected";
            return String.format(Locale.ROOT, "Node %s is %.2f%% off its share: %s (threshold %.2f%%).",
                    node.id(), percent, amounts, threshold);
        }
    }

    /** The masters taking part and their rounded targets. */
    private static final class Model {
        final List<RebalanceNode> all;
        final List<RebalanceNode> part = new ArrayList<>();
        final boolean bySlots;
        /** Per master taking part: target slot count, and the measure it is expected to end with. */
        final int[] target;
        final double[] expectedMeasure;

        private Model(List<RebalanceNode> all, boolean useEmpty) {
            this.all = all;
            for (RebalanceNode m : all) {
                if (!m.slots().isEmpty() || useEmpty) {
                    part.add(m);
                }
            }
            int n = part.size();
            long slots = 0;
            double weight = 0;
            double measure = 0;
            boolean everyBySlots = true;
            for (RebalanceNode m : part) {
                slots += m.slots().size();
                weight += m.weight();
                measure += m.measure();
                everyBySlots &= m.measuredBySlots();
            }
            if (slots == 0) {
                throw new PlanningException("No master owns any slot: there is nothing to rebalance.");
            }
            if (weight == 0) {
                throw new PlanningException("Every master taking part has weight 0, so none could take their slots"
                        + (useEmpty ? "." : " (masters without slots take part only when empty masters are used)."));
            }
            bySlots = everyBySlots || measure == 0;
            double[] quota = bySlots ? slotQuotas(slots, weight) : measureQuotas(weight, measure);
            target = largestRemainder(quota, slots);
            expectedMeasure = new double[n];
            for (int i = 0; i < n; i++) {
                expectedMeasure[i] = bySlots ? target[i] : measure * part.get(i).weight() / weight;
            }
        }

        static Model of(List<RebalanceNode> masters, RebalanceOptions options) {
            Objects.requireNonNull(masters, "masters");
            Objects.requireNonNull(options, "options");
            masters.forEach(m -> Objects.requireNonNull(m, "master"));
            double threshold = options.thresholdPercent();
            if (!(threshold >= 0) || Double.isInfinite(threshold)) {
                throw new PlanningException("The threshold must be a percentage of 0 or more, not "
                        + number(threshold) + ".");
            }
            if (masters.isEmpty()) {
                throw new PlanningException("No masters to rebalance.");
            }
            PlanInputs.requireConsistent(masters, RebalanceNode::id, RebalanceNode::slots);
            for (RebalanceNode m : masters) {
                if (!(m.weight() >= 0) || Double.isInfinite(m.weight())) {
                    throw new PlanningException("The weight of node " + m.id() + " must be a number of 0 or more, not "
                            + number(m.weight()) + ".");
                }
                if (!(m.measure() >= 0) || Double.isInfinite(m.measure())) {
                    throw new PlanningException("The measure of node " + m.id() + " must be a number of 0 or more, not "
                            + number(m.measure()) + ".");
                }
                if (m.slots().isEmpty() && m.measure() > 0) {
                    throw new PlanningException("Node " + m.id() + " owns no slots but its measure is "
                            + number(m.measure()) + ": fix the cluster first.");
                }
            }
            return new Model(List.copyOf(masters), options.useEmptyMasters());
        }

        /** Exact shares of the slots in play by weight. */
        private double[] slotQuotas(long slots, double weight) {
            double[] quota = new double[part.size()];
            for (int i = 0; i < quota.length; i++) {
                quota[i] = slots * part.get(i).weight() / weight;
            }
            return quota;
        }

        /** Real-valued slot counts that balance the measure; see the class comment. They add up to the slots in play. */
        private double[] measureQuotas(double weight, double measure) {
            int n = part.size();
            double[] quota = new double[n];
            boolean[] sink = new boolean[n];
            double givenSlots = 0;
            double givenMeasure = 0;
            double sinkWeight = 0;
            for (int i = 0; i < n; i++) {
                RebalanceNode m = part.get(i);
                int s = m.slots().size();
                double share = measure * m.weight() / weight;
                if (m.weight() == 0) {
                    quota[i] = 0;
                    givenSlots += s;
                    givenMeasure += m.measure();
                } else if (m.measure() > share) {
                    quota[i] = s * share / m.measure();
                    givenSlots += s - quota[i];
                    givenMeasure += m.measure() - share;
                } else {
                    sink[i] = true;
                    sinkWeight += m.weight();
                }
            }
            for (int i = 0; i < n; i++) {
                if (sink[i]) {
                    RebalanceNode m = part.get(i);
                    double lacking = measure * m.weight() / weight - m.measure();
                    double fraction = givenMeasure > 0 ? lacking / givenMeasure : m.weight() / sinkWeight;
                    quota[i] = m.slots().size() + givenSlots * fraction;
                }
            }
            return quota;
        }

        /**
         * Floors of the quotas, then the slots left one each by largest remainder (ties: more slots now, then id);
         * masters of weight 0 never get one.
         */
        private int[] largestRemainder(double[] quota, long slots) {
            int n = quota.length;
            int[] target = new int[n];
            double[] remainder = new double[n];
            long sum = 0;
            for (int i = 0; i < n; i++) {
                double q = Math.max(0, quota[i]);
                target[i] = (int) Math.min(slots, Math.floor(q));
                remainder[i] = q - target[i];
                sum += target[i];
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (part.get(i).weight() > 0) {
                    order.add(i);
                }
            }
            order.sort(Comparator.comparingDouble((Integer i) -> remainder[i]).reversed()
                    .thenComparing(Comparator.comparingInt((Integer i) -> part.get(i).slots().size()).reversed())
                    .thenComparing(i -> part.get(i).id()));
            // Floating-point sums can miss by a slot either way; an exact sum only ever takes the first branch.
            for (int k = 0; sum < slots; k = (k + 1) % order.size()) {
                target[order.get(k)]++;
                sum++;
            }
            for (int k = order.size() - 1; sum > slots; k = (k + order.size() - 1) % order.size()) {
                int i = order.get(k);
                if (target[i] > 0) {
                    target[i]--;
                    sum--;
                }
            }
            return target;
        }

        Map<String, Integer> expectedSlots() {
            Map<String, Integer> out = new LinkedHashMap<>();
            all.forEach(m -> out.put(m.id(), m.slots().size()));
            for (int i = 0; i < part.size(); i++) {
                out.put(part.get(i).id(), target[i]);
            }
            return out;
        }

        /** The master furthest off its share beyond the threshold (ties by id), or null when all are within it. */
        Offence worstOffence(double threshold) {
            Offence worst = null;
            for (int i = 0; i < part.size(); i++) {
                RebalanceNode m = part.get(i);
                double actual = bySlots ? m.slots().size() : m.measure();
                double percent;
                if (m.weight() == 0 || expectedMeasure[i] == 0) {
                    percent = m.slots().isEmpty() ? 0 : Double.POSITIVE_INFINITY;
                } else {
                    percent = Math.abs(actual - expectedMeasure[i]) / expectedMeasure[i] * 100;
                }
                if (percent > threshold && (worst == null || percent > worst.percent()
                        || percent == worst.percent() && m.id().compareTo(worst.node().id()) < 0)) {
                    worst = new Offence(m, percent, target[i], expectedMeasure[i], bySlots);
                }
            }
            return worst;
        }

        /** Largest surplus to largest deficit (ties by id), lowest-numbered slots first, until all are settled. */
        List<SlotMove> moves() {
            Comparator<Balance> order = Comparator.comparingInt((Balance b) -> b.amount).reversed()
                    .thenComparing(b -> b.node.id());
            PriorityQueue<Balance> surplus = new PriorityQueue<>(order);
            PriorityQueue<Balance> deficit = new PriorityQueue<>(order);
            for (int i = 0; i < part.size(); i++) {
                RebalanceNode m = part.get(i);
                int diff = m.slots().size() - target[i];
                if (diff > 0) {
                    surplus.add(new Balance(m, diff));
                } else if (diff < 0) {
                    deficit.add(new Balance(m, -diff));
                }
            }
            List<SlotMove> moves = new ArrayList<>();
            while (!surplus.isEmpty() && !deficit.isEmpty()) {
                Balance from = surplus.poll();
                Balance to = deficit.poll();
                int k = Math.min(from.amount, to.amount);
                for (int j = 0; j < k; j++) {
                    moves.add(new SlotMove(from.slots[from.next++], from.node.id(), to.node.id()));
                }
                from.amount -= k;
                to.amount -= k;
                if (from.amount > 0) {
                    surplus.add(from);
                }
                if (to.amount > 0) {
                    deficit.add(to);
                }
            }
            if (!surplus.isEmpty() || !deficit.isEmpty()) {
                throw new IllegalStateException("surpluses and deficits do not match");
            }
            return moves;
        }
    }

    /** A master's remaining surplus or deficit during pairing; a source's slots are given in ascending order. */
    private static final class Balance {
        final RebalanceNode node;
        final int[] slots;
        int next;
        int amount;

        Balance(RebalanceNode node, int amount) {
            this.node = node;
            this.slots = node.slots().toArray();
            this.amount = amount;
        }
    }

    /** 3 rather than 3.0; other values as Java prints them. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
