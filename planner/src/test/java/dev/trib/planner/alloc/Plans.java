package dev.trib.planner.alloc;

import dev.trib.planner.topology.HostAndPort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers to build inputs and check plans independently of the planner's own bookkeeping. */
final class Plans {
    private Plans() {
    }

    /** One node per letter: "AABC" is two nodes on host A, then one on B and one on C, ports from 7000. */
    static List<NodeSpec> nodes(String hosts) {
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < hosts.length(); i++) {
            String ip = "10.0.0." + (hosts.charAt(i) - 'A' + 1);
            nodes.add(NodeSpec.of(new HostAndPort(ip, 7000 + i)));
        }
        return nodes;
    }

    /** The score recomputed from the plan's assignments: 10000 per replica on its master's host, 1 per replica pair sharing a host. */
    static long score(CreatePlan plan) {
        long score = 0;
        Map<NodeSpec, Map<String, Integer>> perMaster = new HashMap<>();
        for (ReplicaAssignment r : plan.replicas()) {
            if (r.replica().host().equals(r.master().host())) {
                score += 10_000;
            }
            Map<String, Integer> hosts = perMaster.computeIfAbsent(r.master(), m -> new HashMap<>());
            int before = hosts.getOrDefault(r.replica().host(), 0);
            score += before;
            hosts.put(r.replica().host(), before + 1);
        }
        return score;
    }

    /** Nodes of each host, in order of first appearance. */
    static int[] nodesPerHost(List<NodeSpec> nodes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        nodes.forEach(n -> counts.merge(n.host(), 1, Integer::sum));
        return counts.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Nodes per master including the master, derived from the rules rather than the planner. */
    static int[] groupSizes(int nodes, int replicas) {
        int masters = nodes / (replicas + 1);
        int[] sizes = new int[masters];
        java.util.Arrays.fill(sizes, replicas + 1);
        for (int extra = 0; extra < nodes - masters * (replicas + 1); extra++) {
            sizes[extra % masters]++;
        }
        return sizes;
    }
}
