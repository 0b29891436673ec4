package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;
import dev.trib.planner.topology.SlotSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Plans {@code rebalance --by keys|memory}: with the measure known per slot, picks whole slots to move so that every
 * master taking part ends within the threshold of its share of the measure ({@code total * weight / total weight}),
 * moving as little of the measure as it can.
 *
 * <p>Each step moves one slot: from the master furthest above its upper bound (share plus threshold) to the master
 * with the most room below its own, choosing the smallest slot that brings the source within bounds, else the
 * largest that fits the room; when nobody is above, the master furthest below its lower bound is filled the same
 * way from the master with the most to spare. No step pushes the receiving master above its bound or the giving one
 * below its bound, so every step shrinks the total distance to the bounds and the loop ends. Only the excess beyond
 * the bounds moves, not the way to the exact share: that is what keeps the measure moved small.
 *
 * <p>A slot is never split. When one slot alone holds more than its master's share, that master keeps it and gives
 * away everything else it holds, the others share the rest, and a note names the slot.
 */
public final class MeasureBalancer {
    private static final int MAX_STEPS = 1_000_000;

    private MeasureBalancer() {
    }

    /** A master as the balancer sees it; weight 0 drains it. */
    public record Master(String id, SlotSet slots, double weight) {
        public Master {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(slots, "slots");
        }
    }

    /**
     * @param before    per master taking part, its measure now; {@code after} once the moves are made
     * @param share     per master taking part, the measure its weight entitles it to
     * @param balanced  whether every master taking part was already within the threshold (then there are no moves)
     * @param notes     why the plan cannot reach the threshold everywhere, if it cannot
     */
    public record Result(List<SlotMove> moves, Map<String, Double> before, Map<String, Double> after,
                         Map<String, Double> share, boolean balanced, double measureMoved, List<String> notes) {
    }

    /**
     * @param measure per slot, the amount to balance (keys, bytes); a slot absent from the map holds 0
     * @param unit    what the measure counts, for the notes ("keys", "bytes")
     * @throws PlanningException when no master takes part, a master is listed twice or two own one slot, a weight,
     *                           a measure or the threshold is negative or not a number, or every master taking part
     *                           has weight 0
     */
    public static Result plan(List<Master> masters, Map<Integer, Double> measure, double thresholdPercent,
                              boolean useEmptyMasters, String unit) {
        if (!(thresholdPercent >= 0) || Double.isInfinite(thresholdPercent)) {
            throw new PlanningException("The threshold must be a percentage of 0 or more.");
        }
        PlanInputs.requireConsistent(masters, Master::id, Master::slots);
        measure.forEach((slot, m) -> {
            if (!(m >= 0) || Double.isInfinite(m)) {
                throw new PlanningException("The measure of slot " + slot + " must be a number of 0 or more.");
            }
        });
        List<State> part = new ArrayList<>();
        for (Master m : masters) {
            if (!(m.weight() >= 0) || Double.isInfinite(m.weight())) {
                throw new PlanningException("The weight of node " + m.id() + " must be a number of 0 or more.");
            }
            if (!m.slots().isEmpty() || useEmptyMasters) {
                part.add(new State(m, measure));
            }
        }
        double weight = part.stream().mapToDouble(s -> s.master.weight()).sum();
        if (part.isEmpty() || weight == 0) {
            throw new PlanningException("Every master taking part has weight 0, so none could take their slots.");
        }
        double total = part.stream().mapToDouble(s -> s.amount).sum();
        setShares(part, total, weight, thresholdPercent);
        // A slot holding more than its master's share can be nobody's within bounds: its master keeps it and only
        // it, and the others share the rest.
        List<String> notes = new ArrayList<>();
        for (State s : part) {
            Slot largest = s.slots.isEmpty() ? null : s.slots.last();
            if (s.master.weight() > 0 && largest != null && largest.measure > s.upper) {
                notes.add(String.format(Locale.ROOT, "Slot %d alone holds %s %s, more than node %s's share within "
                        + "the threshold (%s): a slot is not split, so that node keeps it and the others share the "
                        + "rest.", largest.slot, number(largest.measure), unit, s.master.id(), number(s.upper)));
                s.pinned = true;
                s.share = largest.measure;
                s.upper = largest.measure;
                s.lower = largest.measure;
            }
        }
        if (!notes.isEmpty()) {
            List<State> rest = part.stream().filter(s -> !s.pinned).toList();
            double restWeight = rest.stream().mapToDouble(s -> s.master.weight()).sum();
            if (restWeight > 0) {
                setShares(rest, total - part.stream().filter(s -> s.pinned).mapToDouble(s -> s.share).sum(),
                        restWeight, thresholdPercent);
            }
        }
        Map<String, Double> before = amounts(part);
        Map<String, Double> share = new LinkedHashMap<>();
        part.forEach(s -> share.put(s.master.id(), s.share));
        boolean balanced = part.stream().allMatch(State::withinBounds);
        Map<Integer, SlotMove> moves = new LinkedHashMap<>();
        double moved = 0;
        if (!balanced) {
            moved += drainWeightZero(part, moves);
            moved += balance(part, moves, notes, unit);
        }
        return new Result(List.copyOf(moves.values()), before, amounts(part), share, balanced, moved,
                List.copyOf(notes));
    }

    private static void setShares(List<State> states, double total, double weight, double thresholdPercent) {
        for (State s : states) {
            s.share = total * s.master.weight() / weight;
            s.upper = s.share * (1 + thresholdPercent / 100);
            s.lower = s.share * (1 - thresholdPercent / 100);
        }
    }

    private static Map<String, Double> amounts(List<State> part) {
        Map<String, Double> out = new LinkedHashMap<>();
        part.forEach(s -> out.put(s.master.id(), s.amount));
        return out;
    }

    /**
     * Every slot of a weight-0 master goes, empty ones too: a slot with a measure to the master with the most room,
     * an empty one to the master with the fewest slots.
     */
    private static double drainWeightZero(List<State> part, Map<Integer, SlotMove> moves) {
        double moved = 0;
        for (State from : part) {
            if (from.master.weight() > 0) {
                continue;
            }
            for (Slot slot : new ArrayList<>(from.slots.descendingSet())) {
                State to = part.stream().filter(s -> s.master.weight() > 0)
                        .max(slot.measure > 0 ? Comparator.comparingDouble((State s) -> s.upper - s.amount)
                                : Comparator.comparingInt((State s) -> -s.slots.size())).orElseThrow();
                move(slot, from, to, moves);
                moved += slot.measure;
            }
        }
        return moved;
    }

    private static double balance(List<State> part, Map<Integer, SlotMove> moves, List<String> notes, String unit) {
        double moved = 0;
        List<State> givers = new ArrayList<>(part.stream().filter(s -> s.master.weight() > 0).toList());
        List<State> takers = new ArrayList<>(givers);
        for (int step = 0; step < MAX_STEPS; step++) {
            State over = givers.stream().filter(s -> s.amount > s.upper + epsilon(s))
                    .max(Comparator.comparingDouble(s -> s.amount - s.upper)).orElse(null);
            if (over != null) {
                State to = takers.stream().filter(s -> s != over)
                        .max(Comparator.comparingDouble(s -> s.upper - s.amount)).orElse(null);
                Slot slot = to == null ? null : pick(over, over.amount - over.upper, to.upper - to.amount);
                if (slot == null) {
                    notes.add(stuckAbove(over, to, unit));
                    givers.remove(over);
                    continue;
                }
                move(slot, over, to, moves);
                moved += slot.measure;
                continue;
            }
            State under = takers.stream().filter(s -> s.amount < s.lower - epsilon(s))
                    .max(Comparator.comparingDouble(s -> s.lower - s.amount)).orElse(null);
            if (under == null) {
                break;
            }
            State from = givers.stream().filter(s -> s != under)
                    .max(Comparator.comparingDouble(s -> s.amount - s.lower)).orElse(null);
            Slot slot = from == null ? null : pick(from, under.lower - under.amount,
                    Math.min(from.amount - from.lower, under.upper - under.amount));
            if (slot == null) {
                notes.add(String.format(Locale.ROOT, "Node %s stays below its share (%s of %s %s): no whole slot "
                        + "fits what it lacks.", under.master.id(), number(under.amount), number(under.share), unit));
                takers.remove(under);
                continue;
            }
            move(slot, from, under, moves);
            moved += slot.measure;
        }
        return moved;
    }

    /** Floating-point sums of many slots must not keep a master "just" outside its bound. */
    private static double epsilon(State s) {
        return 1e-9 * Math.max(1, s.share);
    }

    /**
     * The slot to give: the smallest that covers {@code needed} within {@code room}, else the largest that fits the
     * room; never an empty one (it would change nothing).
     */
    private static Slot pick(State from, double needed, double room) {
        Slot best = null;
        for (Slot s : from.slots) { // ascending measure
            if (s.measure <= 0) {
                continue;
            }
            if (s.measure > room + 1e-9) {
                break;
            }
            best = s;
            if (s.measure >= needed) {
                return s;
            }
        }
        return best;
    }

    private static String stuckAbove(State over, State to, String unit) {
        return String.format(Locale.ROOT, "Node %s stays above its share (%s of %s %s): no whole slot of it fits "
                + "what %s can still take.", over.master.id(), number(over.amount), number(over.share), unit,
                to == null ? "the others" : to.master.id());
    }

    private static void move(Slot slot, State from, State to, Map<Integer, SlotMove> moves) {
        from.slots.remove(slot);
        from.amount -= slot.measure;
        to.slots.add(slot);
        to.amount += slot.measure;
        // A slot moved back and forth is one move from its first owner to its last, or none.
        moves.remove(slot.slot);
        if (!slot.origin.equals(to.master.id())) {
            moves.put(slot.slot, new SlotMove(slot.slot, slot.origin, to.master.id()));
        }
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
                : String.format(Locale.ROOT, "%.1f", d);
    }

    private record Slot(int slot, double measure, String origin) {
    }

    /** A master during planning: its slots ordered by measure, then number. */
    private static final class State {
        final Master master;
        final TreeSet<Slot> slots = new TreeSet<>(Comparator.comparingDouble(Slot::measure)
                .thenComparingInt(Slot::slot));
        double amount;
        double share;
        double upper;
        double lower;
        boolean pinned;

        State(Master master, Map<Integer, Double> measure) {
            this.master = master;
            for (int slot : master.slots().toArray()) {
                double m = measure.getOrDefault(slot, 0.0);
                slots.add(new Slot(slot, m, master.id()));
                amount += m;
            }
        }

        boolean withinBounds() {
            if (master.weight() == 0) {
                return slots.isEmpty();
            }
            return amount <= upper + epsilon(this) && amount >= lower - epsilon(this);
        }
    }
}
