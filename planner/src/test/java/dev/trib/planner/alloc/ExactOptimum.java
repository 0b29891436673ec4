package dev.trib.planner.alloc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The lowest anti-affinity score any plan can reach, by exhaustive search over how many nodes of each kind (host and
 * format) go to each master's group (the score depends on nothing else; the master must be of the group's oldest
 * format). Memoised on the nodes still to place, so it stays fast for the few kinds and small groups of the tests.
 */
final class ExactOptimum {
    private final int[] groupSizes;
    private final int[] hostOfKind;
    private final int[] formatOfKind;
    private final Map<String, Long> memo = new HashMap<>();

    private ExactOptimum(int[] groupSizes, int[] hostOfKind, int[] formatOfKind) {
        this.groupSizes = groupSizes.clone();
        this.hostOfKind = hostOfKind.clone();
        this.formatOfKind = formatOfKind.clone();
    }

    /** @param nodesPerHost nodes on each host; @param groupSizes nodes per master, the master included */
    static long of(int[] nodesPerHost, int[] groupSizes) {
        int[] hosts = java.util.stream.IntStream.range(0, nodesPerHost.length).toArray();
        return of(nodesPerHost, hosts, new int[nodesPerHost.length], groupSizes);
    }

    /** @param nodesPerKind nodes of each kind, whose host and format the next two arrays give */
    static long of(int[] nodesPerKind, int[] hostOfKind, int[] formatOfKind, int[] groupSizes) {
        return new ExactOptimum(groupSizes, hostOfKind, formatOfKind).best(0, nodesPerKind.clone());
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

    /** A group holding {@code c[k]} nodes of kind k, with the best choice of master among its oldest nodes. */
    long groupCost(int[] c) {
        int hosts = Arrays.stream(hostOfKind).max().orElse(0) + 1;
        int[] onHost = new int[hosts];
        int oldest = Integer.MAX_VALUE;
        for (int k = 0; k < c.length; k++) {
            onHost[hostOfKind[k]] += c[k];
            if (c[k] > 0) {
                oldest = Math.min(oldest, formatOfKind[k]);
            }
        }
        long best = Long.MAX_VALUE;
        for (int m = 0; m < c.length; m++) {
            if (c[m] == 0 || formatOfKind[m] != oldest) {
                continue;
            }
            int hm = hostOfKind[m];
            long cost = 10_000L * (onHost[hm] - 1) + pairs(onHost[hm] - 1);
            for (int h = 0; h < hosts; h++) {
                if (h != hm) {
                    cost += pairs(onHost[h]);
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
