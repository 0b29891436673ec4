package dev.trib.planner.alloc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes grouped by host, hosts numbered in order of first appearance, and redis-cli's interleaved order: one node
 * per host per pass, so the first masters land on as many different hosts as possible.
 */
final class HostInterleaving {
    final int[] hostOfNode;
    final int hosts;
    final int[] order;

    HostInterleaving(List<NodeSpec> nodes) {
        Map<String, List<Integer>> byHost = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            byHost.computeIfAbsent(nodes.get(i).host(), h -> new ArrayList<>()).add(i);
        }
        hostOfNode = new int[nodes.size()];
        List<List<Integer>> groups = new ArrayList<>(byHost.values());
        for (int h = 0; h < groups.size(); h++) {
            for (int node : groups.get(h)) {
                hostOfNode[node] = h;
            }
        }
        hosts = groups.size();
        order = new int[nodes.size()];
        int next = 0;
        for (int pass = 0; next < order.length; pass++) {
            for (List<Integer> group : groups) {
                if (pass < group.size()) {
                    order[next++] = group.get(pass);
                }
            }
        }
    }
}
