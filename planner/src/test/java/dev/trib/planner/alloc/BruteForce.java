package dev.trib.planner.alloc;

/**
 * The best score over every arrangement of the nodes' hosts into the group positions (first position of a group is
 * the master) where no replica has an older format than its master: plain enumeration of permutations, feasible up
 * to about 9 nodes.
 */
final class BruteForce {
    private final int[] hosts;
    private final int[] formats;
    private final int[] sizes;
    private long best = Long.MAX_VALUE;

    private BruteForce(int[] hosts, int[] formats, int[] sizes) {
        this.hosts = hosts.clone();
        this.formats = formats.clone();
        this.sizes = sizes;
    }

    /** @param hostOfNode host number of each node; @param groupSizes nodes per master, master included */
    static long optimum(int[] hostOfNode, int[] groupSizes) {
        return optimum(hostOfNode, new int[hostOfNode.length], groupSizes);
    }

    /** @param formatOfNode format rank of each node (lower is older) */
    static long optimum(int[] hostOfNode, int[] formatOfNode, int[] groupSizes) {
        BruteForce b = new BruteForce(hostOfNode, formatOfNode, groupSizes);
        b.permute(0);
        return b.best;
    }

    private void permute(int k) {
        if (k == hosts.length) {
            best = Math.min(best, score());
            return;
        }
        for (int i = k; i < hosts.length; i++) {
            swap(k, i);
            permute(k + 1);
            swap(k, i);
        }
    }

    private long score() {
        long score = 0;
        int start = 0;
        for (int size : sizes) {
            int master = hosts[start];
            for (int i = start + 1; i < start + size; i++) {
                if (formats[i] < formats[start]) {
                    return Long.MAX_VALUE;
                }
                if (hosts[i] == master) {
                    score += 10_000;
                }
                for (int j = start + 1; j < i; j++) {
                    if (hosts[j] == hosts[i]) {
                        score++;
                    }
                }
            }
            start += size;
        }
        return score;
    }

    private void swap(int a, int b) {
        int t = hosts[a];
        hosts[a] = hosts[b];
        hosts[b] = t;
        t = formats[a];
        formats[a] = formats[b];
        formats[b] = t;
    }
}
