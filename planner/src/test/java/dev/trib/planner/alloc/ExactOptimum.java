package dev.trib.planner.alloc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The lowest anti-affinity score any plan can reach, by exhaustive search over how many nodes of each host go to
 * each master's group (the score depends on nothing else). Memoised on the nodes still to place, so it stays fast
 * for the few hosts and small groups of the tests.
 */
final class ExactOptimum {
    private final int[] groupSizes;
    private final Map<String, Long> memo = new HashMap<>();

    private ExactOptimum(int[] groupSizes) {
        this.groupSizes = groupSizes.clone();
    }

    /** @param nodesPerHost nodes on each host; @param groupSizes nodes per master, the master included */
    static long of(int[] nodesPerHost, int[] groupSizes) {
        return new ExactOptimum(groupSizes).best(0, nodesPerHost.clone());
    }

    private long best(int group, int[] remaining) {
        if (group == groupSizes.length) {
            return 0;
        }
        String key = group + Arrays.toString(remaining);
        Long known = memo.get(key);
        if (known != null) {
            return known;
        }
        long[] best = {Long.MAX_VALUE};
        compose(group, remaining, new int[remaining.length], 0, groupSizes[group], best);
        memo.put(key, best[0]);
        return best[0];
    }

    /** Tries every way to take {@code left} more nodes for this group from hosts {@code host..}. */
    private void compose(int group, int[] remaining, int[] taken, int host, int left, long[] best) {
        if (left == 0) {
            long cost = groupCost(taken);
            if (cost < best[0]) {
                for (int h = 0; h < taken.length; h++) {
                    remaining[h] -= taken[h];
                }
                long rest = best(group + 1, remaining.clone());
                for (int h = 0; h < taken.length; h++) {
                    remaining[h] += taken[h];
                }
                best[0] = Math.min(best[0], cost + rest);
            }
            return;
        }
        if (host == remaining.length) {
            return;
        }
        for (int k = Math.min(left, remaining[host]); k >= 0; k--) {
            taken[host] = k;
            compose(group, remaining, taken, host + 1, left - k, best);
        }
        taken[host] = 0;
    }

    /** A group holding {@code c[h]} nodes of host h, with the best choice of master among them. */
    static long groupCost(int[] c) {
        long best = Long.MAX_VALUE;
        for (int m = 0; m < c.length; m++) {
            if (c[m] == 0) {
                continue;
            }
            long cost = 10_000L * (c[m] - 1) + pairs(c[m] - 1);
            for (int h = 0; h < c.length; h++) {
                if (h != m) {
                    cost += pairs(c[h]);
                }
            }
            best = Math.min(best, cost);
        }
        return best;
    }

    private static long pairs(int k) {
        return (long) k * (k - 1) / 2;
    }
}
