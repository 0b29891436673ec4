package dev.trib.planner.alloc;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Deterministic local search on a {@link Layout}. Groups are scored by their make-up with the best master
 * ({@link Layout#cost}), so a move that also needs a new master in a group is found as one move. Three kinds of
 * moves, each tried only when the ones before it are stuck, and the loop starts over after every improvement:
 * <ol>
 *   <li>swaps of two nodes of different kinds (host, format) in different groups, keeping every swap that strictly helps;</li>
 *   <li>re-splitting the nodes of two groups between them in the best way ({@link GroupSplit}): exchanges of several
 *       nodes at once, which a cost of 10000 per replica on its master's host often makes necessary;</li>
 *   <li>two swaps at once, together strictly better although the first alone is not: 3-cycles and exchanges that
 *       involve three or four groups.</li>
 * </ol>
 * Scans run in position order and moves are kept only when the score strictly drops, so the search ends and the
 * result depends only on the input. Moves 2 and 3 can be costly on big clusters, so they stop after a fixed number of
 * evaluations (a count, not a clock, so the plan stays deterministic).
 */
final class LayoutSearch {
    static final long DEFAULT_BUDGET = 4_000_000L;

    private final Layout layout;
    private final long[] groupCost;
    private long total;
    private long budget;
    /** The three-group re-split's own share of the budget: it enumerates far more splits per try than the others. */
    private long threeGroupBudget;

    private LayoutSearch(Layout layout, long budget) {
        this.layout = layout;
        this.groupCost = new long[layout.groups()];
        for (int g = 0; g < groupCost.length; g++) {
            groupCost[g] = layout.cost(g);
            total += groupCost[g];
        }
        this.budget = budget;
        this.threeGroupBudget = budget / 8;
    }

    static void improve(Layout layout) {
        improve(layout, DEFAULT_BUDGET);
    }

    static void improve(Layout layout, long budget) {
        new LayoutSearch(layout, budget).run();
    }

    private void run() {
        // Every kept move strictly lowers a non-negative integer score, so this ends.
        do {
            improveBySwaps();
        } while (total > 0 && (improveByRegrouping() || improveByTwoSwaps()
                || layout.formats() > 1 && improveByRegroupingThree()));
    }

    private void improveBySwaps() {
        boolean improved = true;
        while (improved && total > 0) {
            improved = false;
            for (int p = 0; p < layout.positions(); p++) {
                for (int q = p + 1; q < layout.positions(); q++) {
                    if (swappable(p, q)) {
                        if (swap(p, q) < 0) {
                            improved = true;
                        } else {
                            swap(p, q);
                        }
                    }
                }
            }
        }
    }

    /** Re-splits the nodes of two groups in the best way, for the first pair of groups where that helps. */
    private boolean improveByRegrouping() {
        for (int g1 = 0; g1 < layout.groups(); g1++) {
            for (int g2 = g1 + 1; g2 < layout.groups(); g2++) {
                if (budget <= 0) {
                    return false;
                }
                if (groupCost[g1] + groupCost[g2] > 0 && regroup(g1, g2)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Re-splits the nodes of three groups in the best way, for the first triple where that helps. Only with nodes of
     * several formats: where a group's master must be one of its oldest nodes, some improvements need three groups
     * to change at once (a 3-cycle of nodes of different kinds), and two swaps do not always reach them.
     */
    private boolean improveByRegroupingThree() {
        int n = layout.groups();
        for (int g1 = 0; g1 < n; g1++) {
            for (int g2 = g1 + 1; g2 < n; g2++) {
                for (int g3 = g2 + 1; g3 < n; g3++) {
                    if (budget <= 0 || threeGroupBudget <= 0) {
                        return false;
                    }
                    if (groupCost[g1] + groupCost[g2] + groupCost[g3] > 0 && regroup(g1, g2, g3)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean regroup(int... groups) {
        int[] all = new int[layout.kinds()];
        long cost = 0;
        for (int g : groups) {
            countKinds(g, all);
            cost += groupCost[g];
        }
        int[] present = IntStream.range(0, all.length).filter(k -> all[k] > 0).toArray();
        int[] total = Arrays.stream(present).map(k -> all[k]).toArray();
        int[] host = Arrays.stream(present).map(layout::hostOfKind).toArray();
        int[] format = Arrays.stream(present).map(layout::formatOfKind).toArray();
        int[] sizes = Arrays.stream(groups).map(g -> layout.end(g) - layout.start(g)).toArray();
        long allowed = groups.length > 2 ? Math.min(budget, threeGroupBudget) : budget;
        GroupSplit split = GroupSplit.search(total, host, format, layout.hosts(), sizes, cost, Math.max(0, allowed));
        budget -= split.tries();
        if (groups.length > 2) {
            threeGroupBudget -= split.tries();
        }
        int[][] wanted = split.best();
        if (wanted == null) {
            return false;
        }
        // Group by group: a group keeps its first nodes of each kind up to the wanted count; the rest swap with the
        // later groups' nodes of the kinds it still lacks. Those groups hold enough of them, since together with
        // this one they hold every node still wanted.
        for (int i = 0; i < groups.length - 1; i++) {
            int g = groups[i];
            int[] lacking = new int[layout.kinds()];
            for (int j = 0; j < present.length; j++) {
                lacking[present[j]] = wanted[i][j];
            }
            int[] leaving = new int[layout.end(g) - layout.start(g)];
            int count = 0;
            for (int p = layout.start(g); p < layout.end(g); p++) {
                if (lacking[layout.kind(p)] > 0) {
                    lacking[layout.kind(p)]--;
                } else {
                    leaving[count++] = p;
                }
            }
            int swapped = 0;
            for (int later = i + 1; later < groups.length; later++) {
                int h = groups[later];
                for (int p = layout.start(h); p < layout.end(h) && swapped < count; p++) {
                    if (lacking[layout.kind(p)] > 0) {
                        lacking[layout.kind(p)]--;
                        swap(leaving[swapped++], p);
                    }
                }
            }
        }
        return true;
    }

    private void countKinds(int group, int[] counts) {
        for (int p = layout.start(group); p < layout.end(group); p++) {
            counts[layout.kind(p)]++;
        }
    }

    /**
     * Keeps the first pair of swaps that helps together; false when there is none or the budget is spent. Once no
     * single swap helps, a second swap that touches neither group of the first cannot help either (its gain would be
     * independent), so the second swap takes one node from the first swap's groups.
     */
    private boolean improveByTwoSwaps() {
        int n = layout.positions();
        for (int p = 0; p < n; p++) {
            if (groupCost[layout.groupOf(p)] == 0) {
                continue;
            }
            for (int q = 0; q < n; q++) {
                if (!swappable(p, q)) {
                    continue;
                }
                long first = swap(p, q);
                if (improvesWithSecondSwap(first, layout.groupOf(p))
                        || improvesWithSecondSwap(first, layout.groupOf(q))) {
                    return true;
                }
                swap(p, q);
                if (budget < 0) {
                    return false;
                }
            }
        }
        return false;
    }

    private boolean improvesWithSecondSwap(long first, int group) {
        for (int a = layout.start(group); a < layout.end(group); a++) {
            for (int b = 0; b < layout.positions(); b++) {
                if (--budget < 0) {
                    return false;
                }
                if (swappable(a, b)) {
                    if (first + swap(a, b) < 0) {
                        return true;
                    }
                    swap(a, b);
                }
            }
        }
        return false;
    }

    /** Swapping two nodes of one kind (host and format), or within one group, cannot change any group's make-up. */
    private boolean swappable(int p, int q) {
        return layout.kind(p) != layout.kind(q) && layout.groupOf(p) != layout.groupOf(q);
    }

    /** Swaps the nodes at p and q (of different groups) and returns the change of the score; swap again to undo. */
    private long swap(int p, int q) {
        int gp = layout.groupOf(p);
        int gq = layout.groupOf(q);
        layout.swap(p, q);
        long cp = layout.cost(gp);
        long cq = layout.cost(gq);
        long delta = cp + cq - groupCost[gp] - groupCost[gq];
        groupCost[gp] = cp;
        groupCost[gq] = cq;
        total += delta;
        return delta;
    }
}
