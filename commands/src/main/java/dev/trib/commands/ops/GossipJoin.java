package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeClient;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.NodeFlag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How create joins a large set of nodes. Every node meets the nodes 1, 2, 4, 8 ... places after it in the list
 * (about log2 N MEETs each, N log N in all, instead of the N² of meeting every pair): any two nodes are then at
 * most log2 N hops apart, so Redis's gossip, which has every node handshake the nodes it hears of, completes
 * the mesh in a few rounds. From {@link #ONE_HUB_FROM} nodes one node meets all the others instead. The waits
 * poll what is cheap first: CLUSTER INFO's cluster_known_nodes, cluster_size and cluster_slots_assigned, and read
 * the whole CLUSTER NODES of a node (N lines) only once its counts say it may be done; a node found done is not
 * asked again.
 */
final class GossipJoin {
    /** At and below this many nodes every pair meets directly: all handshakes complete in one cluster tick. */
    static final int ALL_PAIRS_LIMIT = 24;
    /**
     * From this many nodes one node meets all the others, as redis-cli joins: on 250 nodes sharing 2 cores the
     * log2 N MEETs each (~2,000 handshakes at once) slowed the join they were to speed up. Create took 12.0-15.2 s
     * this way against 20.7-34.4 s (3 alternated rounds each); at 150 nodes neither won (6.0-10.8 against 6.4-6.9).
     */
    static final int ONE_HUB_FROM = 200;

    private GossipJoin() {
    }

    /** Poll interval: each poll asks every node still pending, so it grows with their number. */
    static Duration interval(int nodes) {
        return Duration.ofMillis(Math.max(10, Math.min(250, nodes)));
    }

    /** Indexes of the nodes node i meets: i+1, i+2, i+4 ... (mod n); from oneHubFrom nodes, node 0 meets all. */
    static List<Integer> peersToMeet(int i, int n, int oneHubFrom) {
        if (n >= oneHubFrom) {
            return i == 0 ? java.util.stream.IntStream.range(1, n).boxed().toList() : List.of();
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (int step = 1; step < n; step *= 2) {
            out.add((i + step) % n);
        }
        return List.copyOf(out);
    }

    /** A node of the new cluster: its client, its id, and where its cluster bus listens. */
    record Member(NodeClient client, String id, String ip, int port, int clusterPort) {
        NodeAddress bus() {
            return new NodeAddress(ip, port, clusterPort, Optional.empty());
        }
    }

    static void meet(List<Member> members) {
        meet(members, ONE_HUB_FROM);
    }

    /** With the hub threshold of the caller's choosing: tests drive the hub join on a few real nodes. */
    static void meet(List<Member> members, int oneHubFrom) {
        int n = members.size();
        Parallel.forEach(java.util.stream.IntStream.range(0, n).boxed().toList(), i -> {
            List<Integer> peers = peersToMeet(i, n, oneHubFrom);
            if (!peers.isEmpty()) {
                members.get(i).client().meetAll(peers.stream().map(j -> members.get(j).bus()).toList());
            }
        });
    }

    /**
     * Until every node knows every other by id (none left in handshake). Each node that gets there is handed to
     * {@code whenKnown} at once (a replica is attached to its master then), not after the slowest node.
     */
    static void awaitMembership(List<Member> members, Duration timeout, java.util.function.Consumer<Member> whenKnown) {
        int n = members.size();
        Set<Member> done = ConcurrentHashMap.newKeySet();
        Map<Member, String> lastMissing = new ConcurrentHashMap<>();
        Waits.until(timeout, interval(n), () -> {
            List<Member> pending = members.stream().filter(m -> !done.contains(m)).toList();
            for (var o : Parallel.map(pending, m -> {
                Optional<String> missing = answered(m, () -> membershipMissing(m, members));
                if (missing.isEmpty()) {
                    done.add(m);
                    lastMissing.remove(m);
                    whenKnown.accept(m);
                } else {
                    lastMissing.put(m, missing.get());
                }
                return Boolean.TRUE;
            })) {
                o.get(); // a step whenKnown took failed: not something waiting longer mends
            }
            return summary(members, done, lastMissing, "do not know every other node yet");
        });
    }

    private static Optional<String> membershipMissing(Member m, List<Member> members) {
        Map<String, String> info = m.client().clusterInfo();
        long known = Long.parseLong(info.getOrDefault("cluster_known_nodes", "0"));
        if (known < members.size()) {
            return Optional.of(m.ip() + ":" + m.port() + " knows " + known + " of " + members.size());
        }
        ClusterView v = m.client().clusterView();
        for (Member other : members) {
            Optional<ClusterNode> seen = v.node(other.id());
            if (seen.isEmpty() || seen.get().is(NodeFlag.HANDSHAKE)) {
                return Optional.of(m.ip() + ":" + m.port() + " does not know " + other.ip() + ":" + other.port()
                        + " yet: is its cluster bus port " + other.clusterPort() + " reachable from " + m.ip() + "?");
            }
        }
        return Optional.empty();
    }

    /** How long a node may know every member but miss some masters' slots before those masters are nudged. */
    static final Duration NUDGE_AFTER = Duration.ofMillis(1000);

    /**
     * Until every node counts all nodes, all masters with slots and all 16384 slots assigned; only then are the
     * full views read. The full check (slot maps equal) is the caller's.
     *
     * <p>A node learns a master's slots only from a message that master sends it, and Redis 7.0 refreshes a
     * peer's last-pong time from other nodes' gossip, so two nodes that know each other may not exchange a
     * message for a long time: at 150 nodes one node often misses one master's slots for 20 s or more. So a
     * node that knows every member but still misses masters a second later is read once more, and each master
     * it has no slots for meets it again: a MEET of a known node makes that master send its header (its slots
     * and epoch) straight to the node. Only the stragglers get these MEETs, never every pair.
     */
    static void awaitCounts(List<Member> members, Set<String> slotOwners, Duration timeout) {
        int n = members.size();
        int masters = slotOwners.size();
        Map<String, Member> byId = new ConcurrentHashMap<>();
        members.forEach(m -> byId.put(m.id(), m));
        Set<Member> done = ConcurrentHashMap.newKeySet();
        Map<Member, String> lastMissing = new ConcurrentHashMap<>();
        Map<Member, Long> shortSince = new ConcurrentHashMap<>();
        Waits.until(timeout, interval(n), () -> {
            List<Member> pending = members.stream().filter(m -> !done.contains(m)).toList();
            Map<Member, List<Member>> nudges = new ConcurrentHashMap<>(); // master -> nodes it must meet again
            Parallel.map(pending, m -> answered(m, () -> {
                Map<String, String> info = m.client().clusterInfo();
                String have = "knows " + info.get("cluster_known_nodes") + " of " + n + " nodes, "
                        + info.get("cluster_size") + " of " + masters + " masters, "
                        + info.get("cluster_slots_assigned") + " of 16384 slots";
                // More known nodes than members: a handshake entry still resolving, which does not hold us up.
                boolean knowsAll = Long.parseLong(info.getOrDefault("cluster_known_nodes", "0")) >= n;
                if (knowsAll && String.valueOf(masters).equals(info.get("cluster_size"))
                        && "16384".equals(info.get("cluster_slots_assigned"))) {
                    return Optional.<String>empty();
                }
                if (knowsAll) {
                    long now = System.nanoTime();
                    long since = shortSince.computeIfAbsent(m, k -> now);
                    if (now - since >= NUDGE_AFTER.toNanos()) {
                        shortSince.put(m, now); // the next nudge of this node, if needed, a second later
                        for (String owner : ownersMissing(m.client().clusterView(), slotOwners)) {
                            nudges.computeIfAbsent(byId.get(owner), k -> new ArrayList<>()).add(m);
                        }
                    }
                }
                return Optional.of(m.ip() + ":" + m.port() + " " + have);
            })).forEach(o -> {
                Optional<String> missing = o.get();
                if (missing.isEmpty()) {
                    done.add(o.input());
                    lastMissing.remove(o.input());
                } else {
                    lastMissing.put(o.input(), missing.get());
                }
            });
            // One thread per master: a node's client serves one call at a time.
            Parallel.map(List.copyOf(nudges.keySet()), owner -> answered(owner, () -> {
                owner.client().meetAll(nudges.get(owner).stream().map(Member::bus).toList());
                return Optional.<String>empty();
            }));
            return summary(members, done, lastMissing, "do not see the whole cluster yet");
        });
    }

    /** The masters that should own slots but have none in this view (never heard from directly yet). */
    static List<String> ownersMissing(ClusterView view, Set<String> slotOwners) {
        List<String> out = new ArrayList<>();
        for (String owner : slotOwners) {
            Optional<ClusterNode> seen = view.node(owner);
            if (seen.isPresent() && !seen.get().isMyself() && seen.get().slots().isEmpty()
                    && !seen.get().is(NodeFlag.HANDSHAKE)) {
                out.add(owner);
            }
        }
        return out;
    }

    /** A poll of a node that does not answer (a node restarting, a timeout) is a reason to wait, not to stop. */
    private static Optional<String> answered(Member m, java.util.function.Supplier<Optional<String>> poll) {
        try {
            return poll.get();
        } catch (NodeAccessException e) {
            return Optional.of(m.ip() + ":" + m.port() + " did not answer: " + e.getMessage());
        }
    }

    /** Empty when every member is done; else how many are not, and the first few reasons. */
    private static Optional<String> summary(List<Member> members, Set<Member> done, Map<Member, String> missing,
                                            String what) {
        if (done.size() == members.size()) {
            return Optional.empty();
        }
        List<String> examples = new ArrayList<>();
        for (Member m : members) {
            String reason = missing.get(m);
            if (reason != null && examples.size() < 3) {
                examples.add(reason);
            }
        }
        return Optional.of((members.size() - done.size()) + " of " + members.size() + " nodes " + what
                + (examples.isEmpty() ? "" : ": " + String.join("; ", examples)));
    }
}
