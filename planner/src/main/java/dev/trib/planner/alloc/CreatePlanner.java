package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;
import dev.trib.planner.topology.KeySlots;
import dev.trib.planner.topology.SlotRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Plans {@code create}: which nodes become masters, which slots each master gets and which master each other node
 * replicates.
 *
 * <p>Algorithm.
 * <ol>
 *   <li>{@code masters = nodes / (replicas + 1)}, at least 3.</li>
 *   <li>As redis-cli: nodes are grouped by host in order of first appearance and interleaved one node per host per
 *       pass; the first {@code masters} nodes of that order become masters. Slots are split as redis-cli splits them
 *       ({@link SlotSplitter}); master {@code i} gets range {@code i}.</li>
 *   <li>Greedy replicas ({@link ReplicaPlacer}): in rounds, each master takes one node from the host that costs it
 *       least, preferring the host with the most nodes left; leftover nodes become extra replicas round-robin from
 *       the first master, so every master has {@code replicas} or {@code replicas + 1} replicas. These group sizes
 *       never change afterwards.</li>
 *   <li>Local search ({@link LayoutSearch}) over which nodes form each master's group: swaps of two nodes, best
 *       re-splits of two groups, pairs of swaps; a move is kept only if it strictly lowers the score. A group is
 *       scored as if its master were its best node, so a swap of a master with a replica is part of every move.</li>
 *   <li>Each group's master becomes a node of the host the group has fewest nodes of, the earliest in interleaved
 *       order; so redis-cli's masters stay masters unless that costs score. Slot ranges go to the masters in
 *       interleaved order: when the search changed nothing, masters and ranges are exactly redis-cli's.</li>
 * </ol>
 *
 * <p>The score ({@link AntiAffinity}) is 10000 per replica on its master's host plus 1 per pair of replicas of one
 * master sharing a host.
 *
 * <p>Versions: a replica loads its master's snapshot, so it must read the master's RDB format
 * ({@link ServerRelease}). Every group is scored, and given its master, among its oldest nodes only; since any group
 * has an oldest node, every grouping is possible and the search looks for the best-scoring one under that rule
 * (nodes of one host and one format are then what is interchangeable; the search also re-splits three groups at
 * once, since some improvements need that under the rule). Without versions every node counts as the same server
 * and the rule changes nothing. The tests check the exact optimum under the rule on hundreds of random inputs too.
 *
 * <p>Deterministic: there is no randomness, every scan runs over arrays in input order, hosts are numbered by first
 * appearance, ties go to the earlier candidate, and the search's effort limit counts evaluations, not time; so the
 * same input always gives the same plan.
 *
 * <p>At least as good as redis-cli: redis-cli keeps the same masters and slot split, places replicas first-fit and
 * then tries random swaps of two replicas between masters, keeping those that do not make its score worse. Every
 * such swap is a move searched here, and the plan returned is a local optimum for those swaps, for master/replica
 * swaps, for any re-split of two groups and for any two swaps together. The tests check that it equals the exact
 * optimum (exhaustive search) on hundreds of random inputs of up to 14 nodes on up to 5 hosts with 0-3 replicas,
 * and is never worse than a port of redis-cli's procedure.
 */
public final class CreatePlanner {
    public static final int MIN_MASTERS = 3;

    private CreatePlanner() {
    }

    /** How many masters {@code nodes} nodes with {@code replicas} replicas per master give. */
    public static int masterCount(int nodes, int replicas) {
        return (int) (nodes / (replicas + 1L));
    }

    /**
     * @param nodes    the nodes in the order the user gave them
     * @param replicas replicas per master
     * @throws PlanningException when fewer than 3 masters result, replicas is negative or a node is listed twice
     */
    public static CreatePlan plan(List<NodeSpec> nodes, int replicas) {
        Objects.requireNonNull(nodes, "nodes");
        validate(nodes, replicas);
        int masters = masterCount(nodes.size(), replicas);
        HostInterleaving hosts = new HostInterleaving(nodes);
        Layout layout = new Layout(hosts.hostOfNode, hosts.hosts, formatRanks(nodes), groupSizes(nodes.size(),
                masters));
        for (int g = 0; g < masters; g++) {
            layout.place(layout.start(g), hosts.order[g]);
        }
        int[] rest = Arrays.copyOfRange(hosts.order, masters, hosts.order.length);
        ReplicaPlacer.place(layout, rest, hosts.hosts);
        LayoutSearch.improve(layout);
        int[] rank = new int[nodes.size()];
        for (int i = 0; i < rank.length; i++) {
            rank[hosts.order[i]] = i;
        }
        layout.chooseMasters(rank);
        return toPlan(layout, nodes, rank, SlotSplitter.split(masters));
    }

    private static void validate(List<NodeSpec> nodes, int replicas) {
        if (replicas < 0) {
            throw new PlanningException("The number of replicas per master must be 0 or more, not " + replicas + ".");
        }
        int masters = masterCount(nodes.size(), replicas);
        if (masters < MIN_MASTERS) {
            throw new PlanningException("Cannot create a cluster: " + nodes.size() + " node(s) with " + replicas
                    + " replica(s) per master give " + masters + " master(s), but Redis Cluster needs at least "
                    + MIN_MASTERS + " masters; at least " + MIN_MASTERS * (replicas + 1L)
                    + " nodes are required.");
        }
        if (masters > KeySlots.COUNT) {
            throw new PlanningException("Cannot create a cluster with " + masters + " masters: there are only "
                    + KeySlots.COUNT + " slots.");
        }
        Map<String, NodeSpec> seen = new HashMap<>();
        for (NodeSpec node : nodes) {
            Objects.requireNonNull(node, "node");
            NodeSpec earlier = seen.putIfAbsent(node.host() + " " + node.address().port(), node);
            if (earlier != null) {
                throw new PlanningException(earlier.address().equals(node.address())
                        ? "Node " + node.address() + " is listed more than once."
                        : "Nodes " + earlier.address() + " and " + node.address() + " are the same node ("
                          + node.host() + " port " + node.address().port() + ").");
            }
        }
    }

    /** Each node's RDB format as a rank among the formats given: 0 for the oldest. */
    static int[] formatRanks(List<NodeSpec> nodes) {
        int[] distinct = nodes.stream().mapToInt(n -> n.release().rdbFormat()).distinct().sorted().toArray();
        return nodes.stream().mapToInt(n -> Arrays.binarySearch(distinct, n.release().rdbFormat())).toArray();
    }

    /**
     * Nodes per master, the master included: {@code replicas + 1} each, plus one for the first masters while
     * leftover nodes last (redis-cli's round-robin of extra replicas).
     */
    static int[] groupSizes(int nodes, int masters) {
        int[] sizes = new int[masters];
        for (int g = 0; g < masters; g++) {
            sizes[g] = nodes / masters + (g < nodes % masters ? 1 : 0);
        }
        return sizes;
    }

    /** Slot ranges go to masters in interleaved order, so redis-cli's masters keep redis-cli's ranges. */
    private static CreatePlan toPlan(Layout layout, List<NodeSpec> nodes, int[] rank, List<SlotRange> ranges) {
        List<Integer> groups = IntStream.range(0, layout.groups()).boxed()
                .sorted(Comparator.comparingInt(g -> rank[layout.node(layout.start(g))]))
                .toList();
        List<MasterAssignment> masters = new ArrayList<>();
        List<ReplicaAssignment> replicas = new ArrayList<>();
        for (int g : groups) {
            NodeSpec master = nodes.get(layout.node(layout.start(g)));
            masters.add(new MasterAssignment(master, ranges.get(masters.size())));
            // Replicas of one master are interchangeable: list them in input order so the output reads stably.
            layout.replicaNodes(g).sorted().forEach(n -> replicas.add(new ReplicaAssignment(nodes.get(n), master)));
        }
        return new CreatePlan(masters, replicas, layout.antiAffinity());
    }
}
