package dev.trib.planner.alloc;

/**
 * The best way to split the nodes of two groups between them, by host counts alone: tries every count of each host
 * for the first group, up to a number of tries.
 */
final class GroupSplit {
    private final int[] total;
    private final int[] first;
    private final long maxTries;
    private long tries;
    private int[] best;
    private long bestCost;

    private GroupSplit(int[] total, long toBeat, long maxTries) {
        this.total = total;
        this.first = new int[total.length];
        this.bestCost = toBeat;
        this.maxTries = maxTries;
    }

    /**
     * @param total    nodes of each host in the two groups together
     * @param size     size of the first group
     * @param toBeat   the current cost of the two groups
     * @param maxTries how many splits to score at most
     */
    static GroupSplit search(int[] total, int size, long toBeat, long maxTries) {
        GroupSplit split = new GroupSplit(total, toBeat, maxTries);
        split.search(0, size);
        return split;
    }

    /** Nodes of each host for the first group in the cheapest split found that beats the current one, or null. */
    int[] best() {
        return best;
    }

    long tries() {
        return tries;
    }

    private void search(int host, int left) {
        if (tries >= maxTries) {
            return;
        }
        if (host == total.length) {
            if (left == 0) {
                tries++;
                long cost = cost(false) + cost(true);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = first.clone();
                }
            }
            return;
        }
        for (int k = Math.min(left, total[host]); k >= 0; k--) {
            first[host] = k;
            search(host + 1, left - k);
        }
        first[host] = 0;
    }

    /** Cost of the first group, or of the second ({@code total - first}). */
    private long cost(boolean second) {
        long pairs = 0;
        int fewest = Integer.MAX_VALUE;
        for (int h = 0; h < total.length; h++) {
            int c = second ? total[h] - first[h] : first[h];
            pairs += (long) c * (c - 1) / 2;
            if (c > 0) {
                fewest = Math.min(fewest, c);
            }
        }
        return Layout.makeUpCost(pairs, fewest);
    }
}
