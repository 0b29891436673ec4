package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeClient;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.SlotSignature;
import dev.trib.planner.topology.SlotSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Waits shared by the operations that change slot ownership. */
public final class ClusterWaits {
    /** Gossip takes longer the more nodes there are: the caller's bound grows by this much per node. */
    private static final Duration PER_NODE = Duration.ofMillis(200);

    private ClusterWaits() {
    }

    /** A wait's bound on a cluster of so many nodes: the base, grown by {@link #PER_NODE} for each. */
    public static Duration forNodes(Duration base, int nodes) {
        return base.plus(PER_NODE.multipliedBy(nodes));
    }

    /**
     * Until every node has the same slot map. Right after a move, nodes disagree for a moment while the new
     * owner's epoch spreads; a report taken then would show a problem that is not there.
     *
     * <p>A node takes a master's slots only from a message of that master, and Redis 7.0 keeps a peer's
     * last-pong time fresh from other nodes' gossip, so a replica may not hear from a new owner for tens of
     * seconds on a large cluster. A node still behind a second later is told directly: each master whose own
     * claim it has wrong meets it again, which makes that master send it its header (slots and epoch).
     */
    public static void awaitAgreement(List<NodeClient> nodes, Duration timeout) {
        Map<NodeClient, Laggard> laggards = new HashMap<>();
        Map<NodeClient, ClusterView> latest = new HashMap<>();
        Map<NodeClient, SlotSignature> signatures = new HashMap<>();
        // A node whose view matches every master's own claim is final: it is not read again (a poll of 150 full
        // views costs about 200 ms of CPU), and each poll asks only the rest.
        Set<NodeClient> settled = new HashSet<>();
        Duration interval = Duration.ofMillis(Math.max(Waits.POLL_INTERVAL.toMillis(), Math.min(250, nodes.size())));
        Waits.until(forNodes(timeout, nodes.size()), interval, () -> {
            List<NodeClient> pending = nodes.stream().filter(n -> !settled.contains(n)).toList();
            for (var o : Parallel.map(pending, n -> {
                ClusterView v = n.clusterView();
                return Map.entry(v, v.slotSignature());
            })) {
                if (!o.ok()) {
                    return Optional.of(o.input().address() + " did not answer: " + o.error().getMessage());
                }
                latest.put(o.input(), o.value().getKey());
                signatures.put(o.input(), o.value().getValue());
            }
            Map<String, Claim> claims = claims(latest);
            List<ClusterNode> claimed = claims.values().stream().map(Claim::self).toList();
            SlotSignature claimedSignature = new ClusterView(claimed).slotSignature();
            SlotSignature first = null;
            NodeClient differs = null;
            for (NodeClient n : nodes) {
                SlotSignature signature = signatures.get(n);
                if (signature.equals(claimedSignature)) {
                    settled.add(n);
                }
                if (first == null) {
                    first = signature;
                } else if (differs == null && !first.equals(signature)) {
                    differs = n;
                }
            }
            if (differs == null) {
                return Optional.empty();
            }
            nudgeLaggards(latest, claims, claimed, laggards);
            String behind = differs.address() + " does not agree with the others about slot owners yet";
            // Every node has been read: a slot no master claims now will not be claimed by waiting.
            SlotSet unclaimed = claimed.stream().map(ClusterNode::slots).reduce(SlotSet.EMPTY, SlotSet::union)
                    .complement();
            return Optional.of(unclaimed.isEmpty() ? behind : behind + ", and no master claims slot(s) "
                    + unclaimed.summary(8) + ": a master gave them up and none took them ('trib fix' assigns them)");
        });
    }

    /** A master's own line (its claim of slots) and the client that read it. */
    private record Claim(NodeClient client, ClusterNode self) {
    }

    /** Each master's own claim, by id: masters with slots only. */
    private static Map<String, Claim> claims(Map<NodeClient, ClusterView> views) {
        Map<String, Claim> claims = new HashMap<>();
        views.forEach((client, v) -> v.myself().filter(m -> m.isMaster() && !m.slots().isEmpty())
                .ifPresent(m -> claims.put(m.id(), new Claim(client, m))));
        return claims;
    }

    /** Has each master meet the nodes that have been wrong about its slots for a second or more. */
    private static void nudgeLaggards(Map<NodeClient, ClusterView> views, Map<String, Claim> claims,
                                      List<ClusterNode> claimed, Map<NodeClient, Laggard> laggards) {
        Map<NodeClient, List<ClusterNode>> meets = new LinkedHashMap<>(); // master -> nodes to meet
        for (var e : views.entrySet()) {
            List<String> wrongAbout = wrongAbout(e.getValue(), claimed);
            if (wrongAbout.isEmpty()) {
                laggards.remove(e.getKey());
                continue;
            }
            Optional<ClusterNode> self = e.getValue().myself();
            if (!laggards.computeIfAbsent(e.getKey(), k -> new Laggard()).nudgeDue() || self.isEmpty()) {
                continue;
            }
            for (String master : wrongAbout) {
                meets.computeIfAbsent(claims.get(master).client(), k -> new ArrayList<>()).add(self.get());
            }
        }
        // One thread per master: a client serves one call at a time. A failed MEET only means more waiting.
        Parallel.map(List.copyOf(meets.keySet()), master -> {
            master.meetAll(meets.get(master).stream().map(ClusterNode::address).toList());
            return Boolean.TRUE;
        });
    }

    /** The masters (by id) whose own claim of slots this view does not show. */
    static List<String> wrongAbout(ClusterView view, List<ClusterNode> claims) {
        Optional<String> self = view.myself().map(ClusterNode::id);
        List<String> out = new ArrayList<>();
        for (ClusterNode claim : claims) {
            SlotSet seen = view.node(claim.id()).map(ClusterNode::slots).orElse(SlotSet.EMPTY);
            if (!self.equals(Optional.of(claim.id())) && !seen.equals(claim.slots())) {
                out.add(claim.id());
            }
        }
        return out;
    }
}
