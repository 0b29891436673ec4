package dev.trib.planner.alloc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy first placement of the non-master nodes. Replicas are handed out in rounds, one per master per round, so
 * every master gets its replicas before any master gets an extra one (redis-cli's "Adding extra replicas"). Each
 * pick takes a node from the host that costs the group least (another host than the master's and its replicas'),
 * breaking ties by the host with the most nodes left, so the big hosts are spread before they are all that remains.
 */
final class ReplicaPlacer {
    private ReplicaPlacer() {
    }

    /** Fills the replica positions of {@code layout} (masters already placed) from {@code nodes}, in their order. */
    static void place(Layout layout, int[] nodes, int hosts) {
        List<ArrayDeque<Integer>> byHost = new ArrayList<>(hosts);
        for (int h = 0; h < hosts; h++) {
            byHost.add(new ArrayDeque<>());
        }
        for (int n : nodes) {
            byHost.get(layout.hostOfNode(n)).add(n);
        }
        int[] filled = new int[layout.groups()];
        int left = nodes.length;
        while (left > 0) {
            int before = left;
            for (int g = 0; g < layout.groups() && left > 0; g++) {
                int position = layout.start(g) + 1 + filled[g];
                if (position < layout.end(g)) {
                    int host = cheapestHost(layout, g, byHost);
                    layout.place(position, byHost.get(host).poll());
                    filled[g]++;
                    left--;
                }
            }
            if (left == before) {
                throw new IllegalStateException(left + " nodes left but no replica position is free");
            }
        }
    }

    private static int cheapestHost(Layout layout, int group, List<ArrayDeque<Integer>> byHost) {
        int[] onHost = new int[byHost.size()];
        for (int p = layout.start(group) + 1; p < layout.end(group) && layout.node(p) != Layout.EMPTY; p++) {
            onHost[layout.host(p)]++;
        }
        int masterHost = layout.host(layout.start(group));
        int best = -1;
        long bestCost = Long.MAX_VALUE;
        for (int h = 0; h < byHost.size(); h++) {
            int remaining = byHost.get(h).size();
            if (remaining == 0) {
                continue;
            }
            long cost = (h == masterHost ? AntiAffinity.SAME_HOST_AS_MASTER : 0) + onHost[h];
            if (cost < bestCost || cost == bestCost && remaining > byHost.get(best).size()) {
                best = h;
                bestCost = cost;
            }
        }
        return best;
    }
}
