package dev.trib.planner.alloc;

import dev.trib.planner.topology.HostAndPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random inputs (1-5 hosts, 3-14 nodes, 0-3 replicas): the planner must reach the exact optimum, checked by
 * exhaustive enumeration of arrangements up to 8 nodes and by exhaustive search over host counts per group for all
 * sizes, and must never do worse than a port of redis-cli's procedure.
 */
class CreatePlannerPropertyTest {
    private static final int CASES = 400;

    @Test
    void plansAreValidOptimalAndNeverWorseThanRedisCli() {
        Random random = new Random(20240607);
        int bruteForced = 0;
        for (int c = 0; c < CASES; c++) {
            Case input = Case.random(random);
            String label = "case " + c + ": " + input;
            CreatePlan plan = CreatePlanner.plan(input.nodes, input.replicas);
            CreatePlannerTest.assertValid(plan, input.nodes, input.replicas);

            int[] sizes = Plans.groupSizes(input.nodes.size(), input.replicas);
            long optimum = ExactOptimum.of(Plans.nodesPerHost(input.nodes), sizes);
            if (input.nodes.size() <= 8) {
                assertEquals(BruteForce.optimum(input.hostNumbers(), sizes), optimum, "oracles disagree, " + label);
                bruteForced++;
            }
            assertEquals(optimum, plan.antiAffinityScore(), label);

            long redisCli = new RedisCliCreate(input.ips(), input.replicas, c).tribScore();
            assertTrue(plan.antiAffinityScore() <= redisCli, label + ": redis-cli port scored " + redisCli);
        }
        assertTrue(bruteForced >= 100, "only " + bruteForced + " cases small enough to brute force");
    }

    /**
     * Nodes of one to three RDB formats: every replica can load its master's data, and the score is the best any
     * plan obeying that can reach (checked the same two ways).
     */
    @Test
    void mixedVersionPlansKeepReplicasAtLeastAsNewAsTheirMasterAndAreOptimal() {
        Random random = new Random(6270);
        int bruteForced = 0;
        for (int c = 0; c < CASES; c++) {
            Case input = Case.random(random).withRandomReleases(random);
            String label = "case " + c + ": " + input;
            CreatePlan plan = CreatePlanner.plan(input.nodes, input.replicas);
            CreatePlannerTest.assertValid(plan, input.nodes, input.replicas);

            int[] sizes = Plans.groupSizes(input.nodes.size(), input.replicas);
            Kinds kinds = Kinds.of(input.nodes);
            long optimum = ExactOptimum.of(kinds.count, kinds.host, kinds.format, sizes);
            if (input.nodes.size() <= 8) {
                assertEquals(BruteForce.optimum(input.hostNumbers(), input.formats(), sizes), optimum,
                        "oracles disagree, " + label);
                bruteForced++;
            }
            assertEquals(optimum, plan.antiAffinityScore(), label);
        }
        assertTrue(bruteForced >= 100, "only " + bruteForced + " cases small enough to brute force");
    }

    /** Nodes counted by (host, format) pair, pairs numbered by first appearance. */
    private record Kinds(int[] count, int[] host, int[] format) {
        static Kinds of(List<NodeSpec> nodes) {
            List<String> hosts = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            List<int[]> kinds = new ArrayList<>();
            for (NodeSpec n : nodes) {
                if (!hosts.contains(n.host())) {
                    hosts.add(n.host());
                }
                String key = n.host() + "/" + n.release().rdbFormat();
                if (!seen.contains(key)) {
                    seen.add(key);
                    kinds.add(new int[] {0, hosts.indexOf(n.host()), n.release().rdbFormat()});
                }
                kinds.get(seen.indexOf(key))[0]++;
            }
            return new Kinds(kinds.stream().mapToInt(k -> k[0]).toArray(), kinds.stream().mapToInt(k -> k[1])
                    .toArray(), kinds.stream().mapToInt(k -> k[2]).toArray());
        }
    }

    @Test
    void plansAreDeterministic() {
        Random random = new Random(99);
        for (int c = 0; c < 50; c++) {
            Case input = Case.random(random);
            assertEquals(CreatePlanner.plan(input.nodes, input.replicas),
                    CreatePlanner.plan(new ArrayList<>(input.nodes), input.replicas), input.toString());
        }
    }

    @Test
    void exactOptimumAgreesWithBruteForceOnAKnownCase() {
        // 4 on A, 2 on B, pairs: two A-B pairs and one A-A pair.
        assertEquals(10_000, ExactOptimum.of(new int[] {4, 2}, new int[] {2, 2, 2}));
        assertEquals(10_000, BruteForce.optimum(new int[] {0, 0, 0, 0, 1, 1}, new int[] {2, 2, 2}));
    }

    private record Case(List<NodeSpec> nodes, int replicas) {
        static Case random(Random random) {
            int hosts = 1 + random.nextInt(5);
            int n = 3 + random.nextInt(12);
            List<Integer> valid = new ArrayList<>();
            for (int r = 0; r <= 3; r++) {
                if (n / (r + 1) >= 3) {
                    valid.add(r);
                }
            }
            int replicas = valid.get(random.nextInt(valid.size()));
            List<NodeSpec> nodes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nodes.add(NodeSpec.of(new HostAndPort("10.0.0." + (1 + random.nextInt(hosts)), 7000 + i)));
            }
            return new Case(nodes, replicas);
        }

        private static final ServerRelease[] RELEASES = {new ServerRelease("6.2.11", 9),
            new ServerRelease("7.0.15", 10), new ServerRelease("7.2.4", 11)};

        /** The same nodes, each running one of 1-3 releases picked at random. */
        Case withRandomReleases(Random random) {
            int releases = 1 + random.nextInt(RELEASES.length);
            List<NodeSpec> out = new ArrayList<>();
            for (NodeSpec n : nodes) {
                out.add(n.withRelease(RELEASES[random.nextInt(releases)]));
            }
            return new Case(out, replicas);
        }

        int[] formats() {
            return nodes.stream().mapToInt(n -> n.release().rdbFormat()).toArray();
        }

        List<String> ips() {
            return nodes.stream().map(NodeSpec::host).toList();
        }

        int[] hostNumbers() {
            List<String> seen = new ArrayList<>();
            return nodes.stream().mapToInt(n -> {
                if (!seen.contains(n.host())) {
                    seen.add(n.host());
                }
                return seen.indexOf(n.host());
            }).toArray();
        }

        @Override
        public String toString() {
            return "replicas " + replicas + ", hosts " + ips() + ", formats " + java.util.Arrays.toString(formats());
        }
    }
}
