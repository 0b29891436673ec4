package dev.trib.planner.alloc;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The planner's working state: nodes (by input index) in positions, grouped by master. Group {@code g} occupies
 * positions {@code start(g) .. end(g) - 1}; the first of them is the master, the rest its replicas. Group sizes never
 * change, so every move is a swap of positions.
 *
 * <p>Each node has a host and a format (the rank of the RDB format its server reads, 0 for the oldest): a replica
 * must read its master's data, so a group's master is always one of its oldest nodes. Nodes of one host and one
 * format are interchangeable; their pair is the node's kind.
 */
final class Layout {
    static final int EMPTY = -1;

    private final int[] hostOfNode;
    private final int[] formatOfNode;
    private final int[] kindOfNode;
    private final int[] hostOfKind;
    private final int[] formatOfKind;
    /** Every node runs the same format (the usual case): the hot cost() needs not look for the oldest. */
    private final boolean oneFormat;
    private final int formats;
    private final int[] nodeAt;
    private final int[] groupStart;
    private final int[] groupOf;
    /** Per-host counters for cost(); all zero between calls. */
    private final int[] hostCount;

    /** Nodes that all run the same server. */
    Layout(int[] hostOfNode, int hosts, int[] groupSizes) {
        this(hostOfNode, hosts, new int[hostOfNode.length], groupSizes);
    }

    Layout(int[] hostOfNode, int hosts, int[] formatOfNode, int[] groupSizes) {
        this.hostOfNode = hostOfNode.clone();
        this.formatOfNode = formatOfNode.clone();
        int formats = Arrays.stream(formatOfNode).max().orElse(0) + 1;
        this.oneFormat = formats == 1;
        this.formats = formats;
        this.kindOfNode = new int[hostOfNode.length];
        int[] kindOf = new int[hosts * formats];
        Arrays.fill(kindOf, -1);
        int kinds = 0;
        for (int n = 0; n < hostOfNode.length; n++) {
            int key = hostOfNode[n] * formats + formatOfNode[n];
            if (kindOf[key] < 0) {
                kindOf[key] = kinds++;
            }
            kindOfNode[n] = kindOf[key];
        }
        this.hostOfKind = new int[kinds];
        this.formatOfKind = new int[kinds];
        for (int n = 0; n < hostOfNode.length; n++) {
            hostOfKind[kindOfNode[n]] = hostOfNode[n];
            formatOfKind[kindOfNode[n]] = formatOfNode[n];
        }
        this.hostCount = new int[hosts];
        this.groupStart = new int[groupSizes.length + 1];
        for (int g = 0; g < groupSizes.length; g++) {
            groupStart[g + 1] = groupStart[g] + groupSizes[g];
        }
        this.nodeAt = new int[groupStart[groupSizes.length]];
        Arrays.fill(nodeAt, EMPTY);
        this.groupOf = new int[nodeAt.length];
        for (int g = 0; g < groupSizes.length; g++) {
            Arrays.fill(groupOf, groupStart[g], groupStart[g + 1], g);
        }
    }

    int hosts() {
        return hostCount.length;
    }

    int groups() {
        return groupStart.length - 1;
    }

    int positions() {
        return nodeAt.length;
    }

    int start(int group) {
        return groupStart[group];
    }

    int end(int group) {
        return groupStart[group + 1];
    }

    int groupOf(int position) {
        return groupOf[position];
    }

    int node(int position) {
        return nodeAt[position];
    }

    int host(int position) {
        return hostOfNode[nodeAt[position]];
    }

    int hostOfNode(int node) {
        return hostOfNode[node];
    }

    int format(int position) {
        return formatOfNode[nodeAt[position]];
    }

    /** How many formats the nodes have (1 when every node runs the same server). */
    int formats() {
        return formats;
    }

    /** Kinds are numbered 0..kinds()-1; nodes of one kind are interchangeable. */
    int kinds() {
        return hostOfKind.length;
    }

    int kind(int position) {
        return kindOfNode[nodeAt[position]];
    }

    int hostOfKind(int kind) {
        return hostOfKind[kind];
    }

    int formatOfKind(int kind) {
        return formatOfKind[kind];
    }

    /** The oldest format among the nodes in positions start..end-1 (a group): its master's. */
    private int oldest(int start, int end) {
        if (oneFormat) {
            return 0;
        }
        int oldest = Integer.MAX_VALUE;
        for (int p = start; p < end; p++) {
            oldest = Math.min(oldest, format(p));
        }
        return oldest;
    }

    /** The nodes in the replica positions of {@code group}. */
    IntStream replicaNodes(int group) {
        return IntStream.range(start(group) + 1, end(group)).map(p -> nodeAt[p]);
    }

    void place(int position, int node) {
        nodeAt[position] = node;
    }

    void swap(int p, int q) {
        int t = nodeAt[p];
        nodeAt[p] = nodeAt[q];
        nodeAt[q] = t;
    }

    /**
     * The score group {@code g} has once its master is the best of its oldest nodes: one whose host appears least
     * often in the group. It depends only on how many nodes of each kind the group holds, so the search can move
     * nodes between groups without tracking roles: with {@code c(h)} nodes of host h it is
     * {@code sum C(c(h), 2) + 9999 * (min c(h) - 1)}, the minimum over the hosts of the oldest nodes (the master's
     * host loses one replica pair, gains 10000 per replica).
     */
    long cost(int group) {
        int start = groupStart[group];
        int end = groupStart[group + 1];
        long pairs = 0;
        for (int p = start; p < end; p++) {
            pairs += hostCount[host(p)]++;
        }
        int oldest = oldest(start, end);
        int fewest = Integer.MAX_VALUE;
        for (int p = start; p < end; p++) {
            if (format(p) == oldest) {
                fewest = Math.min(fewest, hostCount[host(p)]);
            }
        }
        for (int p = start; p < end; p++) {
            hostCount[host(p)] = 0;
        }
        return makeUpCost(pairs, fewest);
    }

    /**
     * Cost of a group with {@code pairs} same-host node pairs whose rarest host has {@code fewest} nodes there: a
     * master from that host has {@code fewest - 1} replicas on its host, each costing 10000 but no longer a pair.
     */
    static long makeUpCost(long pairs, int fewest) {
        return pairs + (long) (AntiAffinity.SAME_HOST_AS_MASTER - 1) * (fewest - 1);
    }

    /**
     * Moves into each group's master position one of its oldest nodes (every replica reads its data) of the host the
     * group has fewest nodes of, so the actual score equals {@link #cost}. Among those, the lowest {@code rank} wins,
     * so redis-cli's masters stay masters whenever that costs nothing.
     */
    void chooseMasters(int[] rankOfNode) {
        for (int g = 0; g < groups(); g++) {
            int start = groupStart[g];
            int end = groupStart[g + 1];
            for (int p = start; p < end; p++) {
                hostCount[host(p)]++;
            }
            int oldest = oldest(start, end);
            int best = -1;
            for (int p = start; p < end; p++) {
                if (format(p) != oldest) {
                    continue;
                }
                if (best < 0) {
                    best = p;
                    continue;
                }
                int fewer = Integer.compare(hostCount[host(p)], hostCount[host(best)]);
                if (fewer < 0 || fewer == 0 && rankOfNode[nodeAt[p]] < rankOfNode[nodeAt[best]]) {
                    best = p;
                }
            }
            for (int p = start; p < end; p++) {
                hostCount[host(p)] = 0;
            }
            swap(start, best);
        }
    }

    /** The actual score of group {@code g} with its current master. */
    AntiAffinity antiAffinity(int group) {
        int start = groupStart[group];
        int end = groupStart[group + 1];
        int masterHost = host(start);
        int sameAsMaster = 0;
        int pairs = 0;
        for (int p = start + 1; p < end; p++) {
            int h = host(p);
            if (h == masterHost) {
                sameAsMaster++;
            }
            pairs += hostCount[h]++;
        }
        for (int p = start + 1; p < end; p++) {
            hostCount[host(p)] = 0;
        }
        return new AntiAffinity(sameAsMaster, pairs);
    }

    AntiAffinity antiAffinity() {
        AntiAffinity total = AntiAffinity.PERFECT;
        for (int g = 0; g < groups(); g++) {
            total = total.plus(antiAffinity(g));
        }
        return total;
    }
}
