package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeClient;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.SlotSet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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

    /**
     * How often a planned master that a replica took over during the join is asked to take its slots back: Redis
     * gives a manual failover 5 s for the master's handshake, then an election.
     */
    static final Duration FAIL_BACK_EVERY = Duration.ofSeconds(12);

    private GossipJoin() {
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

    /** What every node must come to see: the members, each master's planned slots, each replica's master. */
    record Target(List<Member> members, Map<String, SlotSet> slotsOf, Map<String, String> masterOf,
                  boolean waitOk) {
        Target {
            members = List.copyOf(members);
            slotsOf = Map.copyOf(slotsOf);
            masterOf = Map.copyOf(masterOf);
        }
    }

    /**
     * What the wait saw: each member's last read (see {@link #awaitJoined}), and the planned masters that a replica
     * of theirs had taken over during the join and that were made masters again.
     */
    record Joined(List<NodeClient.State> reads, List<FailedBack> failedBack) {
        Joined {
            reads = List.copyOf(reads);
            failedBack = List.copyOf(failedBack);
        }
    }

    /** A planned master that the replica at {@code by} took over in an automatic failover during the join. */
    record FailedBack(Member master, Member by) {
        String warning() {
            return master.ip() + ":" + master.port() + " missed the node timeout during the join and its replica "
                    + by.ip() + ":" + by.port() + " took over (an automatic failover, seen on machines too loaded "
                    + "for their nodes); it was made master again, as planned.";
        }
    }

    /**
     * The planned masters found as replicas during the join (a replica of theirs won an automatic failover: on
     * 250 nodes sharing 2 cores, nodes miss the node timeout while the mesh forms). Each is asked to take its
     * slots back with a manual failover (CLUSTER FAILOVER on it), at most every {@link #FAIL_BACK_EVERY}, by
     * whichever poll sees it first: its own, or that of a node that sees it as a replica.
     */
    private static final class FailBacks {
        private final Map<String, Member> byId;
        private final Map<String, Long> askedAt = new ConcurrentHashMap<>();
        private final Map<String, FailedBack> seen = new ConcurrentHashMap<>();

        FailBacks(Map<String, Member> byId) {
            this.byId = byId;
        }

        /** The master is a replica of newMaster in some view: ask it to take over again unless asked lately. */
        void failBack(Member master, String newMaster) {
            Member by = byId.get(newMaster);
            if (by == null) {
                return; // a replica of a node outside the plan: nothing trib planned to undo
            }
            seen.putIfAbsent(master.id(), new FailedBack(master, by));
            long now = System.nanoTime();
            boolean[] due = {false};
            askedAt.compute(master.id(), (id, last) -> {
                due[0] = last == null || now - last >= FAIL_BACK_EVERY.toNanos();
                return due[0] ? now : last;
            });
            if (due[0]) {
                // An error (its link to the new master not up yet, master again already) leaves it to the next ask.
                master.client().one(b -> b.failover(Optional.empty()));
            }
        }

        List<FailedBack> all() {
            return seen.values().stream()
                    .sorted(Comparator.comparing(f -> f.master().ip() + ":" + f.master().port()))
                    .toList();
        }
    }

    /** Where one node is on its way: each stage is checked only once the one before it holds. */
    private enum Stage { MEMBERS, COUNTS, VIEW, OK }

    /** One node's progress, touched by one poll at a time. */
    private static final class Track {
        Stage stage = Stage.MEMBERS;
        final Laggard laggard = new Laggard(); // how long it has missed masters' slots
        NodeClient.State read; // the node's last read, once its view is final
    }

    /**
     * Until every node knows every other by id, sees each master with its planned slots, (a replica) replicates
     * its master and, with waitOk, reports cluster_state:ok. Each node is polled on its own clock (see
     * {@link Waits#untilEach}): after a join of hundreds of nodes their gossip keeps single nodes from answering
     * for seconds at a time, and a wait in rounds over all nodes paid that in every round. A replica is attached to
     * its master as soon as it knows every node. Handshake entries left over from the MEETs are forgotten (one
     * could meet a node reset meanwhile, making it "not empty"). The cheap counts of CLUSTER INFO come first; the
     * whole CLUSTER NODES is read only once they say the node may be done; a node found done is not asked again.
     *
     * <p>A node learns a master's slots only from a message that master sends it, and Redis 7.0 refreshes a
     * peer's last-pong time from other nodes' gossip, so two nodes that know each other may not exchange a message
     * for a long time: at 150 nodes one node often missed one master's slots for 20 s or more. So a node that knows
     * every member but still misses masters' slots a second later is met again by each such master: a MEET of a
     * known node makes that master send its header (its slots and epoch) straight to the node. Only stragglers
     * get these MEETs, never every pair.
     *
     * @return each member's last read (CLUSTER NODES, CLUSTER INFO, DBSIZE), in the members' order: taken once the
     *     node was done, and so what a check of the new cluster would read
     */
    static Joined awaitJoined(Target target, Duration timeout) {
        Map<String, Member> byId = new HashMap<>();
        Map<Member, Track> tracks = new HashMap<>();
        target.members().forEach(m -> {
            byId.put(m.id(), m);
            tracks.put(m, new Track());
        });
        Set<Member> nudgers = ConcurrentHashMap.newKeySet();
        FailBacks failBacks = new FailBacks(byId);
        Waits.untilEach(target.members(), timeout, Waits.eachInterval(target.members().size()),
                "nodes have not joined yet",
                m -> answered(m, () -> progress(m, tracks.get(m), target, byId, nudgers, failBacks)));
        // A master that nudged a node after it was itself done holds a handshake entry until its next tick.
        Handshakes.forgetLeftovers(nudgers.stream().map(Member::client).toList());
        return new Joined(target.members().stream().map(m -> tracks.get(m).read).toList(), failBacks.all());
    }

    /** One poll of one node: empty when it is done, else what it still misses. */
    private static Optional<String> progress(Member m, Track t, Target target, Map<String, Member> byId,
                                             Set<Member> nudgers, FailBacks failBacks) {
        int n = target.members().size();
        String at = m.ip() + ":" + m.port();
        if (t.stage == Stage.OK) {
            Map<String, String> info = m.client().clusterInfo();
            t.read = new NodeClient.State(t.read.view(), info, t.read.keys(), t.read.info());
            String state = info.get("cluster_state");
            return "ok".equals(state) ? Optional.empty() : Optional.of(at + " reports cluster_state:" + state);
        }
        // In the view stage CLUSTER NODES and CLUSTER INFO come in one round trip; before it, CLUSTER INFO alone.
        NodeClient.State full = t.stage == Stage.VIEW ? m.client().state() : null;
        Map<String, String> info = full != null ? full.clusterInfo() : m.client().clusterInfo();
        long known = Long.parseLong(info.getOrDefault("cluster_known_nodes", "0"));
        // More known nodes than members: a handshake entry still resolving, which does not hold us up.
        if (known < n) {
            return Optional.of(at + " knows " + known + " of " + n + " nodes");
        }
        if (t.stage == Stage.MEMBERS) {
            ClusterView v = m.client().clusterView();
            for (Member other : target.members()) {
                Optional<ClusterNode> seen = v.node(other.id());
                if (seen.isEmpty() || seen.get().is(NodeFlag.HANDSHAKE)) {
                    return Optional.of(at + " does not know " + other.ip() + ":" + other.port() + " yet: is its "
                            + "cluster bus port " + other.clusterPort() + " reachable from " + m.ip() + "?");
                }
            }
            String master = target.masterOf().get(m.id());
            ClusterNode self = v.myself().orElseThrow();
            // One that took over its master's slots is not told to replicate (Redis refuses a node with slots):
            // its master is failed back instead, and it turns replica then.
            if (master != null && !self.masterId().equals(Optional.of(master)) && self.slots().isEmpty()) {
                // Not sooner: the masters' full syncs (repl-diskless-sync-delay, 5 s, after this) slow the
                // gossip that completes the mesh. Attached when each knows its master, 250 nodes took 15-18 s to
                // join instead of 10-13.
                m.client().replicate(master);
            }
            t.stage = Stage.COUNTS;
        }
        if (t.stage == Stage.COUNTS) {
            int masters = target.slotsOf().size();
            if (!String.valueOf(masters).equals(info.get("cluster_size"))
                    || !"16384".equals(info.get("cluster_slots_assigned"))) {
                if (t.laggard.nudgeDue()) {
                    nudge(m, mastersBehind(m.client().clusterView(), target.slotsOf()), byId, nudgers);
                }
                return Optional.of(at + " knows " + known + " of " + n + " nodes, " + info.get("cluster_size")
                        + " of " + masters + " masters, " + info.get("cluster_slots_assigned") + " of 16384 slots");
            }
            t.stage = Stage.VIEW;
            t.laggard.caughtUp();
        }
        NodeClient.State state = full != null ? full : m.client().state();
        ClusterView v = state.view();
        Optional<String> takenOverBy = target.slotsOf().containsKey(m.id())
                ? v.myself().flatMap(ClusterNode::masterId) : Optional.empty();
        if (takenOverBy.isPresent()) {
            failBacks.failBack(m, takenOverBy.get());
            return Optional.of(at + " was taken over by its replica in an automatic failover; asked to take its "
                    + "slots back");
        }
        List<String> behind = mastersBehind(v, target.slotsOf());
        if (!behind.isEmpty()) {
            // A planned master this node sees as a replica lost its slots to a replica of its own: failed back,
            // not nudged (a MEET would not give its slots back).
            List<String> lagging = new ArrayList<>();
            for (String owner : behind) {
                Optional<String> newMaster = v.node(owner).flatMap(ClusterNode::masterId);
                if (newMaster.isPresent()) {
                    failBacks.failBack(byId.get(owner), newMaster.get());
                } else {
                    lagging.add(owner);
                }
            }
            if (!lagging.isEmpty() && t.laggard.nudgeDue()) {
                nudge(m, lagging, byId, nudgers);
            }
            return Optional.of(at + " does not see the planned slots of " + behind.size() + " master(s) yet");
        }
        String master = target.masterOf().get(m.id());
        if (master != null && !v.myself().flatMap(ClusterNode::masterId).equals(Optional.of(master))) {
            return Optional.of(at + " does not replicate " + master + " yet");
        }
        // A node that went a node timeout without an answer from a peer (hundreds of nodes on a few cores) flags it
        // until the next answer: its view is not the final one yet, and a check would warn of it.
        for (ClusterNode e : v.nodes()) {
            if (e.isFailing() && byId.containsKey(e.id())) {
                Member flagged = byId.get(e.id());
                return Optional.of(at + " flags " + flagged.ip() + ":" + flagged.port() + " as failing");
            }
        }
        if (Handshakes.forgetLeftovers(m.client(), v)) {
            return Optional.of(at + " had handshake entries left over");
        }
        t.stage = Stage.OK;
        t.read = state;
        String clusterState = state.clusterInfo().get("cluster_state");
        if (!target.waitOk() || "ok".equals(clusterState)) {
            return Optional.empty();
        }
        return Optional.of(at + " reports cluster_state:" + clusterState);
    }

    /** Each master a node is behind on meets it again (a node's client takes one call at a time). */
    private static void nudge(Member m, List<String> masters, Map<String, Member> byId, Set<Member> nudgers) {
        for (String owner : masters) {
            Member master = byId.get(owner);
            nudgers.add(master);
            master.client().meetAll(List.of(m.bus()));
        }
    }

    /**
     * The masters whose planned slots this view does not show yet (a master known only through the handshake has
     * none yet): not itself, and not one still in handshake.
     */
    static List<String> mastersBehind(ClusterView view, Map<String, SlotSet> slotsOf) {
        List<String> out = new ArrayList<>();
        slotsOf.forEach((owner, slots) -> {
            Optional<ClusterNode> seen = view.node(owner);
            if (seen.isPresent() && !seen.get().isMyself() && !seen.get().is(NodeFlag.HANDSHAKE)
                    && !seen.get().slots().equals(slots)) {
                out.add(owner);
            }
        });
        out.sort(null);
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
}
