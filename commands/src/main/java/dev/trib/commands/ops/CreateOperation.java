package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeCommandException;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.alloc.CreatePlan;
import dev.trib.planner.alloc.CreatePlanner;
import dev.trib.planner.alloc.NodeSpec;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.SlotSet;
import dev.trib.planner.topology.SlotSignature;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * {@code trib create}: validate every node, plan, then (after the caller's confirmation) assign slots, give each
 * node its own config epoch, join them, wait, and attach replicas. Nothing is written before every node passed.
 */
public final class CreateOperation {
    /** The joins below complete on the nodes' 100 ms cluster ticks: a coarser poll would add most of its own length. */
    private static final Duration TICK_POLL = Duration.ofMillis(10);

    private final NodeConnector connector;

    public CreateOperation(NodeConnector connector) {
        this.connector = connector;
    }

    /** A node that passed validation. */
    public record Candidate(NodeSpec spec, NodeClient client, ClusterNode self) {
    }

    /** Validated nodes and the plan to apply to them. */
    public record Prepared(List<Candidate> candidates, CreatePlan plan) {
        public Candidate candidate(NodeSpec spec) {
            return candidates.stream().filter(c -> c.spec().equals(spec)).findFirst().orElseThrow();
        }
    }

    /**
     * Plans first (an impossible layout is refused before any node is contacted), then connects to every node
     * and checks it is cluster-enabled, empty, alone and slot-less. Every problem is reported at once.
     */
    public Prepared prepare(List<HostAndPort> addresses, int replicas) {
        List<NodeSpec> specs = resolve(addresses);
        CreatePlan plan = CreatePlanner.plan(specs, replicas);
        Map<HostAndPort, NodeConnector.Result> connections =
                connector.connectAll(specs.stream().map(NodeSpec::address).toList());
        List<String> accessProblems = new ArrayList<>();
        for (NodeConnector.Result r : connections.values()) {
            if (!r.ok()) {
                accessProblems.add(r.failure().getMessage());
            }
        }
        if (!accessProblems.isEmpty()) {
            throw new OperationRefusedException(accessProblems, true);
        }
        List<Parallel.Outcome<NodeSpec, Candidate>> checked = Parallel.map(specs,
                s -> validate(s, connections.get(s.address()).client()));
        List<String> problems = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        boolean access = false;
        for (var o : checked) {
            if (o.ok()) {
                candidates.add(o.value());
            } else {
                problems.add(o.error().getMessage());
                access |= o.error() instanceof NodeAccessException;
            }
        }
        if (!problems.isEmpty()) {
            throw new OperationRefusedException(problems, access);
        }
        return withVersions(candidates, plan, replicas);
    }

    /**
     * Nodes of different servers are planned again with their versions (asked during validation), so that no
     * replica lands under a master whose data it cannot load; the usual one-version cluster keeps the first plan.
     */
    private static Prepared withVersions(List<Candidate> candidates, CreatePlan plan, int replicas) {
        List<Candidate> versioned = candidates.stream().map(c -> new Candidate(
                c.spec().withRelease(c.client().serverVersion().release()), c.client(), c.self())).toList();
        if (versioned.stream().map(c -> c.spec().release().rdbFormat()).distinct().count() <= 1) {
            return new Prepared(candidates, plan);
        }
        return new Prepared(versioned, CreatePlanner.plan(versioned.stream().map(Candidate::spec).toList(),
                replicas));
    }

    private static List<NodeSpec> resolve(List<HostAndPort> addresses) {
        List<NodeSpec> specs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<HostAndPort, HostAndPort> seen = new HashMap<>();
        for (HostAndPort a : addresses) {
            String ip;
            try {
                ip = InetAddress.getByName(a.host()).getHostAddress();
            } catch (UnknownHostException e) {
                problems.add("Could not connect to " + a + ": unknown host");
                continue;
            }
            HostAndPort resolved = new HostAndPort(ip, a.port());
            HostAndPort before = seen.putIfAbsent(resolved, a);
            if (before != null) {
                problems.add("Node " + a + " is given twice" + (before.equals(a) ? "" : " (also as " + before + ")"));
                continue;
            }
            specs.add(new NodeSpec(resolved, ip));
        }
        if (!problems.isEmpty()) {
            throw new OperationRefusedException(problems, problems.stream().anyMatch(p -> p.contains("unknown host")));
        }
        return specs;
    }

    private static Candidate validate(NodeSpec spec, NodeClient client) {
        HostAndPort a = spec.address();
        client.serverVersion(); // asked here, in parallel, for the plan's version rule
        NodeClient.State state; // CLUSTER NODES, CLUSTER INFO and DBSIZE in one round trip
        try {
            state = client.state();
        } catch (NodeCommandException e) {
            if (e.clusterDisabled()) {
                throw new OperationRefusedException("Node " + a + " is not configured as a cluster node "
                        + "(start it with cluster-enabled yes).");
            }
            throw e;
        }
        long keys = state.keys();
        if (keys > 0) {
            throw new OperationRefusedException("Node " + a + " is not empty: it holds " + keys
                    + " key(s) in database 0.");
        }
        ClusterView view = state.view();
        long known = view.nodes().stream().filter(n -> !n.isMyself()).count();
        if (known > 0) {
            throw new OperationRefusedException("Node " + a + " is not empty: it already knows " + known
                    + " other node(s) (CLUSTER RESET it to reuse it).");
        }
        ClusterNode self = view.myself().orElseThrow();
        if (!self.slots().isEmpty()) {
            throw new OperationRefusedException("Node " + a + " is not empty: it already serves slots "
                    + self.slots() + ".");
        }
        if (self.configEpoch() != 0) {
            throw new OperationRefusedException("Node " + a + " already has config epoch " + self.configEpoch()
                    + " (CLUSTER RESET HARD it to reuse it).");
        }
        return new Candidate(spec, client, self);
    }

    /**
     * Applies the plan and waits until every node agrees on slots, members and replicas; with waitOk, also until
     * every node reports cluster_state:ok. Redis holds a master that was ever without a majority (every fresh,
     * slot-less node is) in state fail for min(cluster-node-timeout, 5 s) after it joins, so waitOk costs up to
     * that; without it, writes may meet CLUSTERDOWN for that long, as after redis-cli's create.
     *
     * @return the new cluster as the last wait read it, node by node once each was done (a large create): a load
     *     right after would read the same at the cost of one more round trip to every node, which, while hundreds
     *     of nodes gossip and sync their replicas, lasts seconds. Empty when the caller is to load it.
     */
    public Optional<ClusterSnapshot> execute(Prepared p, ProgressListener progress, Duration timeout,
                                             boolean waitOk) {
        CreatePlan plan = p.plan();
        List<Candidate> all = p.candidates();

        progress.step("Assigning slots to masters");
        Parallel.forEach(plan.masters(), m -> p.candidate(m.node()).client().addSlots(
                SlotSet.range(m.slots().start(), m.slots().end())));

        progress.step("Assigning a different config epoch to each node");
        Parallel.forEach(IntStream.range(0, all.size()).boxed().toList(),
                i -> all.get(i).client().setConfigEpoch(i + 1L));

        Map<NodeSpec, Candidate> masterOf = new HashMap<>();
        Map<String, String> expectedMaster = new LinkedHashMap<>();
        for (var r : plan.replicas()) {
            masterOf.put(r.replica(), p.candidate(r.master()));
            expectedMaster.put(p.candidate(r.replica()).self().id(), p.candidate(r.master()).self().id());
        }
        progress.step("Sending CLUSTER MEET messages to join the cluster");
        if (all.size() <= GossipJoin.ALL_PAIRS_LIMIT) {
            joinAllPairs(all, masterOf, expectedMaster, progress, timeout, plan.replicas().isEmpty());
            Handshakes.forgetLeftovers(all.stream().map(Candidate::client).toList());
            if (waitOk) {
                progress.step("Waiting for every node to report cluster_state:ok");
                // A node that reports ok stays ok, so each poll asks only those that did not yet: after the
                // masters' rejoin delay they turn ok within one 100 ms tick of each other, and a short poll of the
                // few left ends the wait within a tick of the last.
                Set<NodeSpec> ok = ConcurrentHashMap.newKeySet();
                Waits.until(timeout, TICK_POLL, () -> notOk(all, ok));
            }
            return Optional.empty();
        } else {
            Map<String, SlotSet> slotsOf = new HashMap<>();
            plan.masters().forEach(m -> slotsOf.put(p.candidate(m.node()).self().id(),
                    SlotSet.range(m.slots().start(), m.slots().end())));
            GossipJoin.Joined joined = joinByGossip(all, expectedMaster, slotsOf, progress, timeout,
                    plan.replicas().isEmpty(), waitOk);
            joined.failedBack().forEach(f -> progress.warning(f.warning()));
            List<NodeClient.State> reads = joined.reads();
            Map<HostAndPort, NodeClient.State> byAddress = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                byAddress.put(all.get(i).client().address(), reads.get(i));
            }
            return ClusterLoader.snapshotOf(all.get(0).client().address(), byAddress);
        }
    }

    /**
     * Every node meets every other directly: each one completes all its handshakes in its next cluster tick (at
     * most 100 ms away) instead of waiting for gossip to spread membership. Meeting each pair from one end only
     * would leave the other end's handshake to its following tick: up to 200 ms. N² MEETs: small clusters only.
     */
    private static void joinAllPairs(List<Candidate> all, Map<NodeSpec, Candidate> masterOf,
                                     Map<String, String> expectedMaster, ProgressListener progress, Duration timeout,
                                     boolean noReplicas) {
        Parallel.forEach(all, c -> meetOthers(c, all));
        // A node learns a peer's slots and role only from a message the peer sends once both know each other;
        // the handshake's own messages do not count, and the next ping may be node-timeout/2 away. A second
        // MEET of a known node makes it announce itself to the peer in its next tick (Redis drops the duplicate
        // handshake entry then). Each node goes on alone as soon as it knows the others, so that tick is the one
        // right after its handshakes, not one after the slowest node's; a replica first attaches to its master.
        progress.step(noReplicas ? "Waiting for the cluster to join"
                : "Waiting for the cluster to join, attaching each replica as soon as it knows its master");
        Parallel.forEach(all, c -> {
            Waits.until(timeout, TICK_POLL, () -> peersUnknown(c, all));
            Candidate master = masterOf.get(c.spec());
            if (master != null) {
                c.client().replicate(master.self().id());
            }
            meetOthers(c, all);
        });
        progress.step("Waiting for every node to agree on slots and replicas");
        Waits.until(timeout, TICK_POLL, () -> notAgreed(all, expectedMaster));
    }

    /**
     * A few MEETs, then gossip completes the mesh (see {@link GossipJoin}); each node is then followed on its own
     * until it is done: it knows every node, (a replica) replicates its master, sees every master's slots and,
     * with waitOk, reports cluster_state:ok.
     */
    private static GossipJoin.Joined joinByGossip(List<Candidate> all, Map<String, String> expectedMaster,
                                                       Map<String, SlotSet> slotsOf, ProgressListener progress,
                                                       Duration baseTimeout, boolean noReplicas, boolean waitOk) {
        Duration timeout = ClusterWaits.forNodes(baseTimeout, all.size());
        List<GossipJoin.Member> members = all.stream().map(c -> new GossipJoin.Member(c.client(), c.self().id(),
                c.spec().host(), c.spec().address().port(), c.self().address().clusterPort())).toList();
        GossipJoin.meet(members);
        progress.step((noReplicas ? "Waiting for the cluster to join" : "Waiting for the cluster to join, "
                + "attaching each replica as soon as it knows every node") + ", until every node agrees on slots"
                + (waitOk ? " and reports cluster_state:ok" : ""));
        return GossipJoin.awaitJoined(new GossipJoin.Target(members, slotsOf, expectedMaster, waitOk), timeout);
    }

    private static void meetOthers(Candidate c, List<Candidate> all) {
        c.client().meetAll(all.stream().filter(other -> other != c).map(other -> new NodeAddress(other.spec().host(),
                other.spec().address().port(), other.self().address().clusterPort(), Optional.empty())).toList());
    }

    /** Empty once this node knows every other by id (no handshake left). */
    private static Optional<String> peersUnknown(Candidate observer, List<Candidate> all) {
        ClusterView v;
        try {
            v = observer.client().clusterView();
        } catch (RuntimeException e) {
            return Optional.of(observer.spec().address() + " did not answer: " + e.getMessage());
        }
        for (Candidate other : all) {
            Optional<ClusterNode> seen = v.node(other.self().id());
            if (seen.isEmpty() || seen.get().is(NodeFlag.HANDSHAKE)) {
                return Optional.of(observer.spec().address() + " does not know " + other.spec().address()
                        + " yet: is its cluster bus port " + other.self().address().clusterPort()
                        + " reachable from " + observer.spec().host() + "?");
            }
        }
        return Optional.empty();
    }

    /** Empty once all slot maps agree and every node sees each replica replicating its master. */
    private static Optional<String> notAgreed(List<Candidate> all, Map<String, String> expectedMaster) {
        SlotSignature signature = null;
        for (var o : Parallel.map(all, c -> c.client().clusterView())) {
            if (!o.ok()) {
                return Optional.of(o.input().spec().address() + " did not answer: " + o.error().getMessage());
            }
            ClusterView v = o.value();
            for (var e : expectedMaster.entrySet()) {
                Optional<ClusterNode> r = v.node(e.getKey());
                if (r.isEmpty() || !r.get().isReplica() || !r.get().masterId().equals(Optional.of(e.getValue()))) {
                    return Optional.of(o.input().spec().address() + " does not see " + e.getKey()
                            + " as a replica of " + e.getValue() + " yet");
                }
            }
            if (signature == null) {
                signature = v.slotSignature();
            } else if (!signature.equals(v.slotSignature())) {
                return Optional.of("nodes do not agree about the slots configuration yet");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> notOk(List<Candidate> all, Set<NodeSpec> ok) {
        List<Candidate> pending = all.stream().filter(c -> !ok.contains(c.spec())).toList();
        Optional<String> missing = Optional.empty();
        for (var o : Parallel.map(pending, c -> c.client().clusterInfo().get("cluster_state"))) {
            if (o.ok() && "ok".equals(o.value())) {
                ok.add(o.input().spec());
            } else if (missing.isEmpty()) {
                missing = Optional.of(o.input().spec().address() + " reports cluster_state:"
                        + (o.ok() ? o.value() : "?") + " still");
            }
        }
        return missing;
    }
}
