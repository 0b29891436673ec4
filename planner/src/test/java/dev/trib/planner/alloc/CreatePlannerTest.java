package dev.trib.planner.alloc;

import dev.trib.planner.PlanningException;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.trib.planner.alloc.Plans.nodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreatePlannerTest {

    @Test
    void threeMastersGetRedisCliSlotRanges() {
        CreatePlan plan = CreatePlanner.plan(nodes("ABC"), 0);
        assertEquals(List.of(new SlotRange(0, 5460), new SlotRange(5461, 10922), new SlotRange(10923, 16383)),
                plan.masters().stream().map(MasterAssignment::slots).toList());
        assertEquals(List.of(), plan.replicas());
        assertEquals(AntiAffinity.PERFECT, plan.antiAffinity());
    }

    @Test
    void sixNodesOnThreeHostsWithOneReplicaArePerfect() {
        List<NodeSpec> nodes = nodes("AABBCC");
        CreatePlan plan = CreatePlanner.plan(nodes, 1);
        assertValid(plan, nodes, 1);
        // Masters as redis-cli picks them: one per host, in order of first appearance.
        assertEquals(List.of("10.0.0.1:7000", "10.0.0.2:7002", "10.0.0.3:7004"), masterAddresses(plan));
        assertEquals(0, plan.antiAffinityScore());
        assertTrue(plan.antiAffinity().isPerfect());
        plan.replicas().forEach(r -> assertNotEquals(r.master().host(), r.replica().host(), r.toString()));
    }

    @Test
    void nineNodesOnThreeHostsWithTwoReplicasArePerfect() {
        List<NodeSpec> nodes = nodes("AAABBBCCC");
        CreatePlan plan = CreatePlanner.plan(nodes, 2);
        assertValid(plan, nodes, 2);
        assertEquals(0, plan.antiAffinityScore());
        for (MasterAssignment m : plan.masters()) {
            Set<String> hosts = new HashSet<>(List.of(m.node().host()));
            plan.replicasOf(m.node()).forEach(r -> hosts.add(r.host()));
            assertEquals(3, hosts.size(), "each master and its two replicas on three hosts");
        }
    }

    @Test
    void allNodesOnOneHostStillGiveAValidPlanWithItsScore() {
        List<NodeSpec> nodes = nodes("AAAAAA");
        CreatePlan plan = CreatePlanner.plan(nodes, 1);
        assertValid(plan, nodes, 1);
        assertEquals(List.of("10.0.0.1:7000", "10.0.0.1:7001", "10.0.0.1:7002"), masterAddresses(plan));
        assertEquals(new AntiAffinity(3, 0), plan.antiAffinity());
        assertEquals(30_000, plan.antiAffinityScore());
        assertFalse(plan.antiAffinity().isPerfect());
    }

    @Test
    void unevenHostsReachTheExhaustiveOptimum() {
        List<NodeSpec> nodes = nodes("AAAABB");
        CreatePlan plan = CreatePlanner.plan(nodes, 1);
        assertValid(plan, nodes, 1);
        long optimum = ExactOptimum.of(new int[] {4, 2}, Plans.groupSizes(6, 1));
        assertEquals(10_000, optimum);
        assertEquals(optimum, plan.antiAffinityScore());
        assertEquals(new AntiAffinity(1, 0), plan.antiAffinity());
    }

    @Test
    void unevenHostsWithThreeReplicasNeedMultiNodeMoves() {
        // Found by the random comparison: swaps of two nodes alone stop at 10 here, the optimum is 8.
        List<NodeSpec> nodes = nodes("BCBBBBAACBCCCC");
        CreatePlan plan = CreatePlanner.plan(nodes, 3);
        assertValid(plan, nodes, 3);
        assertEquals(8, ExactOptimum.of(Plans.nodesPerHost(nodes), Plans.groupSizes(14, 3)));
        assertEquals(8, plan.antiAffinityScore());
    }

    @Test
    void leftoverNodesBecomeExtraReplicas() {
        List<NodeSpec> nodes = nodes("ABCABCA");
        CreatePlan plan = CreatePlanner.plan(nodes, 1);
        assertValid(plan, nodes, 1);
        assertEquals(List.of(1, 1, 2), replicaCounts(plan).stream().sorted().toList());
        assertEquals(0, plan.antiAffinityScore());
    }

    @Test
    void moreLeftoversThanMastersAreSpreadRoundRobin() {
        // 19 nodes, 4 replicas: 3 masters, 12 replicas and 4 leftovers.
        List<NodeSpec> nodes = nodes("ABCDEABCDEABCDEABCD");
        CreatePlan plan = CreatePlanner.plan(nodes, 4);
        assertValid(plan, nodes, 4);
        assertEquals(List.of(5, 5, 6), replicaCounts(plan).stream().sorted().toList());
    }

    @Test
    void noReplicasMakesEveryNodeAMaster() {
        CreatePlan plan = CreatePlanner.plan(nodes("AAAA"), 0);
        assertEquals(4, plan.masters().size());
        assertEquals(List.of(), plan.replicas());
        assertEquals(0, plan.antiAffinityScore());
    }

    @Test
    void groupsByResolvedHostNotByTheNameTyped() {
        List<NodeSpec> nodes = List.of(
                new NodeSpec(new HostAndPort("a.example", 7000), "10.0.0.1"),
                new NodeSpec(new HostAndPort("b.example", 7001), "10.0.0.1"),
                NodeSpec.parse("10.0.0.2:7002"), NodeSpec.parse("10.0.0.2:7003"),
                NodeSpec.parse("10.0.0.3:7004"), NodeSpec.parse("10.0.0.3:7005"));
        CreatePlan plan = CreatePlanner.plan(nodes, 1);
        assertEquals(List.of("a.example:7000", "10.0.0.2:7002", "10.0.0.3:7004"), masterAddresses(plan));
        assertEquals(0, plan.antiAffinityScore());
        assertTrue(plan.replicas().stream().noneMatch(r -> r.master().host().equals(r.replica().host())));
    }

    @Test
    void tooFewNodesForThreeMasters() {
        PlanningException e = assertThrows(PlanningException.class, () -> CreatePlanner.plan(nodes("ABCAB"), 1));
        assertEquals("Cannot create a cluster: 5 node(s) with 1 replica(s) per master give 2 master(s), but Redis "
                + "Cluster needs at least 3 masters; at least 6 nodes are required.", e.getMessage());
        assertTrue(assertThrows(PlanningException.class, () -> CreatePlanner.plan(nodes("AB"), 0))
                .getMessage().contains("at least 3 nodes are required"));
        assertTrue(assertThrows(PlanningException.class, () -> CreatePlanner.plan(List.of(), 2))
                .getMessage().contains("at least 9 nodes are required"));
    }

    @Test
    void negativeReplicasAreRefused() {
        PlanningException e = assertThrows(PlanningException.class, () -> CreatePlanner.plan(nodes("ABCABC"), -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void duplicateAddressesAreRefusedByName() {
        List<NodeSpec> nodes = new ArrayList<>(nodes("ABC"));
        nodes.add(NodeSpec.parse("10.0.0.2:7001"));
        PlanningException e = assertThrows(PlanningException.class, () -> CreatePlanner.plan(nodes, 0));
        assertEquals("Node 10.0.0.2:7001 is listed more than once.", e.getMessage());
    }

    @Test
    void twoNamesOfOneNodeAreRefused() {
        List<NodeSpec> nodes = new ArrayList<>(nodes("ABC"));
        nodes.add(new NodeSpec(new HostAndPort("redis-b.example", 7001), "10.0.0.2"));
        PlanningException e = assertThrows(PlanningException.class, () -> CreatePlanner.plan(nodes, 0));
        assertTrue(e.getMessage().contains("10.0.0.2:7001") && e.getMessage().contains("redis-b.example:7001"),
                e.getMessage());
    }

    @Test
    void moreMastersThanSlotsAreRefused() {
        List<NodeSpec> many = new ArrayList<>();
        for (int i = 0; i < 16385; i++) {
            many.add(NodeSpec.of(new HostAndPort("10.1." + (i / 250) + "." + (i % 250), 7000)));
        }
        assertThrows(PlanningException.class, () -> CreatePlanner.plan(many, 0));
    }

    @Test
    void sameInputGivesTheSamePlan() {
        List<NodeSpec> nodes = nodes("AABACBBDCAAD");
        CreatePlan first = CreatePlanner.plan(nodes, 2);
        CreatePlan second = CreatePlanner.plan(List.copyOf(nodes), 2);
        assertEquals(first, second);
    }

    @Test
    void replicasAreListedByMasterThenInInputOrder() {
        List<NodeSpec> nodes = nodes("AAABBBCCCDDD");
        CreatePlan plan = CreatePlanner.plan(nodes, 3);
        assertValid(plan, nodes, 3);
        List<ReplicaAssignment> sorted = new ArrayList<>(plan.replicas());
        List<NodeSpec> masters = plan.masters().stream().map(MasterAssignment::node).toList();
        sorted.sort((a, b) -> masters.indexOf(a.master()) != masters.indexOf(b.master())
                ? Integer.compare(masters.indexOf(a.master()), masters.indexOf(b.master()))
                : Integer.compare(nodes.indexOf(a.replica()), nodes.indexOf(b.replica())));
        assertEquals(sorted, plan.replicas());
    }

    @Test
    void largeClusterIsPerfectAndQuick() {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            nodes.add(NodeSpec.of(new HostAndPort("10.0.0." + (i % 10 + 1), 7000 + i)));
        }
        long start = System.nanoTime();
        CreatePlan plan = CreatePlanner.plan(nodes, 2);
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "took too long");
        assertValid(plan, nodes, 2);
        assertEquals(0, plan.antiAffinityScore());
    }

    @Test
    void reportedScoreMatchesTheAssignments() {
        List<NodeSpec> nodes = nodes("AAAAABBBCCAAB");
        CreatePlan plan = CreatePlanner.plan(nodes, 2);
        assertValid(plan, nodes, 2);
        assertEquals(Plans.score(plan), plan.antiAffinityScore());
    }

    /** Every node once, masters = n / (r + 1) with redis-cli's slot ranges, r or more replicas each, balanced. */
    static final ServerRelease V62 = new ServerRelease("6.2.11", 9);
    static final ServerRelease V70 = new ServerRelease("7.0.15", 10);

    /** The nodes of {@code hosts} (as {@link Plans#nodes}), running the releases given in the same order. */
    static List<NodeSpec> versioned(String hosts, ServerRelease... releases) {
        List<NodeSpec> plain = nodes(hosts);
        List<NodeSpec> out = new ArrayList<>();
        for (int i = 0; i < plain.size(); i++) {
            out.add(plain.get(i).withRelease(releases[i]));
        }
        return out;
    }

    @Test
    void aReplicaIsNeverPlacedUnderANewerMasterEvenWhenTheNewerNodesComeFirst() {
        // redis-cli would make the three 7.0 nodes masters and put a 6.2 replica under each: none could sync.
        List<NodeSpec> nodes = versioned("ABCABC", V70, V70, V70, V62, V62, V62);
        CreatePlan plan = CreatePlanner.plan(nodes, 1);
        assertValid(plan, nodes, 1);
        assertEquals(List.of(V62, V62, V62), plan.masters().stream().map(m -> m.node().release()).toList());
        plan.replicas().forEach(r -> assertEquals(V70, r.replica().release(), r.toString()));
        assertEquals(0, plan.antiAffinityScore(), "the version rule costs nothing here");
    }

    @Test
    void aShardOfNewerNodesOnlyMayFormWhenThatServesAntiAffinity() {
        // One host holds both 6.2 nodes: a 6.2 master with a 6.2 replica would share it; 7.0 nodes can pair up.
        List<NodeSpec> nodes = versioned("AABBCC", V62, V62, V70, V70, V70, V70);
        CreatePlan plan = CreatePlanner.plan(nodes, 1);
        assertValid(plan, nodes, 1);
        long optimum = ExactOptimum.of(new int[] {2, 2, 2}, new int[] {0, 1, 2}, new int[] {0, 1, 1},
                Plans.groupSizes(6, 1));
        assertEquals(optimum, plan.antiAffinityScore());
        assertEquals(0, optimum);
    }

    @Test
    void sameFormatDifferentPatchReleasesAreInterchangeable() {
        ServerRelease v700 = new ServerRelease("7.0.0", 10);
        List<NodeSpec> nodes = versioned("AABBCC", V70, v700, V70, v700, V70, v700);
        CreatePlan plan = CreatePlanner.plan(nodes, 1);
        assertValid(plan, nodes, 1);
        assertEquals(0, plan.antiAffinityScore());
        // As without versions: redis-cli's masters (one per host, in order of first appearance) stay masters.
        assertEquals(List.of("10.0.0.1:7000", "10.0.0.2:7002", "10.0.0.3:7004"), masterAddresses(plan));
    }

    static void assertValid(CreatePlan plan, List<NodeSpec> nodes, int replicas) {
        int masters = nodes.size() / (replicas + 1);
        assertEquals(masters, plan.masters().size());
        assertEquals(SlotSplitter.split(masters), plan.masters().stream().map(MasterAssignment::slots).toList());
        List<NodeSpec> placed = new ArrayList<>();
        plan.masters().forEach(m -> placed.add(m.node()));
        plan.replicas().forEach(r -> placed.add(r.replica()));
        assertEquals(nodes.size(), placed.size());
        assertEquals(new HashSet<>(nodes), new HashSet<>(placed), "every node exactly once");
        Set<NodeSpec> masterNodes = new HashSet<>(plan.masters().stream().map(MasterAssignment::node).toList());
        plan.replicas().forEach(r -> assertTrue(masterNodes.contains(r.master()), r + " replicates a non-master"));
        plan.replicas().forEach(r -> assertTrue(r.replica().release().canReplicate(r.master().release()),
                r.replica() + " (" + r.replica().release() + ") cannot load the data of its master " + r.master()
                        + " (" + r.master().release() + ")"));
        List<Integer> counts = replicaCounts(plan);
        int min = counts.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(min >= replicas && max - min <= 1, "replica counts " + counts);
        assertEquals(Plans.score(plan), plan.antiAffinityScore());
    }

    private static List<Integer> replicaCounts(CreatePlan plan) {
        return plan.masters().stream().map(m -> plan.replicasOf(m.node()).size()).toList();
    }

    private static List<String> masterAddresses(CreatePlan plan) {
        return plan.masters().stream().map(m -> m.node().address().toString()).toList();
    }
}
