package dev.trib.planner.alloc;

/**
 * The best way to split the nodes of a few groups among them, by counts of each kind (host and format) alone: tries
 * every count of each kind for each group but the last (which takes the rest), up to a number of tries.
 */
final class GroupSplit {
    private final int[] remaining;
    private final int[] hostOfKind;
    private final int[] formatOfKind;
    private final int[] sizes;
    private final int[][] taken;
    /** Per-host counters for cost(); all zero between calls. */
    private final int[] hostCount;
    private final long maxTries;
    private long tries;
    private int[][] best;
    private long bestCost;

    private GroupSplit(int[] total, int[] hostOfKind, int[] formatOfKind, int hosts, int[] sizes, long toBeat,
                       long maxTries) {
        this.remaining = total.clone();
        this.hostOfKind = hostOfKind;
        this.formatOfKind = formatOfKind;
        this.sizes = sizes;
        this.taken = new int[sizes.length][total.length];
        this.hostCount = new int[hosts];
        this.bestCost = toBeat;
        this.maxTries = maxTries;
    }

    /**
     * @param total        nodes of each kind in the groups together
     * @param hostOfKind   each kind's host (numbered below {@code hosts})
     * @param formatOfKind each kind's format rank (lower is older)
     * @param sizes        size of each group
     * @param toBeat       the current cost of the groups
     * @param maxTries     how many splits to score at most
     */
    static GroupSplit search(int[] total, int[] hostOfKind, int[] formatOfKind, int hosts, int[] sizes, long toBeat,
                             long maxTries) {
        GroupSplit split = new GroupSplit(total, hostOfKind, formatOfKind, hosts, sizes, toBeat, maxTries);
        split.search(0, 0, sizes[0], 0);
        return split;
    }

    /** Nodes of each kind for each group in the cheapest split found that beats the current one, or null. */
    int[][] best() {
        return best;
    }

    long tries() {
        return tries;
    }

    private void search(int group, int kind, int left, long costBefore) {
        if (tries >= maxTries) {
            return;
        }
        if (group == sizes.length - 1) {
            tries++;
            long cost = costBefore + cost(remaining);
            if (cost < bestCost) {
                bestCost = cost;
                best = new int[sizes.length][];
                for (int g = 0; g < group; g++) {
                    best[g] = taken[g].clone();
                }
                best[group] = remaining.clone();
            }
            return;
        }
        if (kind == remaining.length) {
            if (left == 0) {
                int[] mine = taken[group];
                long cost = costBefore + cost(mine);
                for (int k = 0; k < mine.length; k++) {
                    remaining[k] -= mine[k];
                }
                search(group + 1, 0, sizes[group + 1], cost);
                for (int k = 0; k < mine.length; k++) {
                    remaining[k] += mine[k];
                }
            }
            return;
        }
        for (int k = Math.min(left, remaining[kind]); k >= 0; k--) {
            taken[group][kind] = k;
            search(group, kind + 1, left - k, costBefore);
        }
        taken[group][kind] = 0;
    }

    /** Cost of a group holding {@code count[k]} nodes of each kind k, as {@link Layout#cost} scores it. */
    private long cost(int[] count) {
        int oldest = Integer.MAX_VALUE;
        for (int k = 0; k < count.length; k++) {
            if (count[k] > 0) {
                hostCount[hostOfKind[k]] += count[k];
                oldest = Math.min(oldest, formatOfKind[k]);
            }
        }
        int fewest = Integer.MAX_VALUE;
        for (int k = 0; k < count.length; k++) {
            if (count[k] > 0 && formatOfKind[k] == oldest) {
                fewest = Math.min(fewest, hostCount[hostOfKind[k]]);
            }
        }
        long pairs = 0;
        for (int k = 0; k < count.length; k++) {
            int c = hostCount[hostOfKind[k]];
            pairs += (long) c * (c - 1) / 2;
            hostCount[hostOfKind[k]] = 0;
        }
        return Layout.makeUpCost(pairs, fewest);
    }
}
