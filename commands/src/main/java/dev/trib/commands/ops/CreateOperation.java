package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.alloc.CreatePlan;
import dev.trib.planner.alloc.CreatePlanner;
import dev.trib.planner.alloc.NodeSpec;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeFlag;
import dev.trib.planner.topology.SlotSet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code trib create}: validate every node, plan, then (after the caller's confirmation) assign slots, give each
 * node its own config epoch, join them, wait, and attach replicas. Nothing is written before every node passed.
 */
public final class CreateOperation {
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
        return new Prepared(candidates, plan);
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
        if (!"1".equals(client.info("cluster").get("cluster_enabled"))) {
            throw new OperationRefusedException("Node " + a + " is not configured as a cluster node "
                    + "(start it with cluster-enabled yes).");
        }
        long keys = client.dbSize();
        if (keys > 0) {
            throw new OperationRefusedException("Node " + a + " is not empty: it holds " + keys
                    + " key(s) in database 0.");
        }
        ClusterView view = client.clusterView();
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

    /** Applies the plan and waits until every node agrees on slots, members and replicas, and reports ok. */
    public void execute(Prepared p, ProgressListener progress, Duration timeout) {
        CreatePlan plan = p.plan();
        List<Candidate> all = p.candidates();

        progress.step("Assigning slots to masters");
        Parallel.forEach(plan.masters(), m -> p.candidate(m.node()).client().addSlots(
                SlotSet.range(m.slots().start(), m.slots().end())));

        progress.step("Assigning a different config epoch to each node");
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            indexes.add(i);
        }
        Parallel.forEach(indexes, i -> all.get(i).client().setConfigEpoch(i + 1L));

        progress.step("Sending CLUSTER MEET messages to join the cluster");
        Candidate first = all.get(0);
        // Every node meets the first; gossip then spreads the rest of the membership.
        Parallel.forEach(all.subList(1, all.size()), c -> c.client().meet(first.spec().host(),
                first.spec().address().port(), first.self().address().clusterPort()));

        Map<String, String> expectedMaster = new LinkedHashMap<>();
        plan.replicas().forEach(r -> expectedMaster.put(p.candidate(r.replica()).self().id(),
                p.candidate(r.master()).self().id()));
        if (!plan.replicas().isEmpty()) {
            // Attach each replica as soon as it knows its master, so its new role travels with the join gossip.
            progress.step("Attaching replicas");
            Waits.until(timeout, () -> mastersUnknown(p));
            Parallel.forEach(plan.replicas(), r -> p.candidate(r.replica()).client()
                    .replicate(p.candidate(r.master()).self().id()));
        }
        progress.step("Waiting for the cluster to join");
        Waits.until(timeout, () -> notSettled(all, expectedMaster));
    }

    /** A replica that does not know its master yet, if any. */
    private static Optional<String> mastersUnknown(Prepared p) {
        var outcomes = Parallel.map(p.plan().replicas(), r -> {
            Candidate master = p.candidate(r.master());
            Optional<ClusterNode> seen = p.candidate(r.replica()).client().clusterView().node(master.self().id());
            return seen.isPresent() && !seen.get().is(NodeFlag.HANDSHAKE) ? Optional.<String>empty()
                    : Optional.of(r.replica().address() + " does not know its master " + master.spec().address()
                    + " yet: is cluster bus port " + master.self().address().clusterPort() + " on "
                    + master.spec().host() + " reachable?");
        });
        for (var o : outcomes) {
            if (!o.ok()) {
                return Optional.of(o.input().replica().address() + " did not answer: " + o.error().getMessage());
            }
            if (o.value().isPresent()) {
                return o.value();
            }
        }
        return Optional.empty();
    }

    /**
     * Empty once every node knows every other (no handshake left), all slot maps agree, each replica says it
     * replicates its master, and every node reports cluster_state:ok. Other nodes learn a replica's role at its
     * next ping, up to node-timeout/2 later; waiting for that would add seconds, and check reads each node's own
     * line for its role.
     */
    private static Optional<String> notSettled(List<Candidate> all, Map<String, String> expectedMaster) {
        Optional<String> missing = viewsMissing(all, (observer, v) -> {
            for (Candidate other : all) {
                Optional<ClusterNode> seen = v.node(other.self().id());
                if (seen.isEmpty() || seen.get().is(NodeFlag.HANDSHAKE)) {
                    return Optional.of(observer.spec().address() + " does not know " + other.spec().address()
                            + " yet: is its cluster bus port " + other.self().address().clusterPort()
                            + " reachable from " + observer.spec().host() + "?");
                }
            }
            String expected = expectedMaster.get(observer.self().id());
            ClusterNode self = v.myself().orElseThrow();
            if (expected != null && (!self.isReplica() || !self.masterId().equals(Optional.of(expected)))) {
                return Optional.of(observer.spec().address() + " is not a replica of " + expected + " yet");
            }
            return Optional.empty();
        });
        if (missing.isPresent()) {
            return missing;
        }
        for (var o : Parallel.map(all, c -> c.client().clusterInfo().get("cluster_state"))) {
            if (!o.ok() || !"ok".equals(o.value())) {
                return Optional.of(o.input().spec().address() + " reports cluster_state:"
                        + (o.ok() ? o.value() : "?") + " still");
            }
        }
        return Optional.empty();
    }

    /** Fetches every node's view; the first per-view complaint, or slot maps that differ, is what is missing. */
    private static Optional<String> viewsMissing(List<Candidate> all,
                                                 BiFunction<Candidate, ClusterView, Optional<String>> perView) {
        String signature = null;
        for (var o : Parallel.map(all, c -> c.client().clusterView())) {
            if (!o.ok()) {
                return Optional.of(o.input().spec().address() + " did not answer: " + o.error().getMessage());
            }
            Optional<String> missing = perView.apply(o.input(), o.value());
            if (missing.isPresent()) {
                return missing;
            }
            if (signature == null) {
                signature = o.value().slotSignature();
            } else if (!signature.equals(o.value().slotSignature())) {
                return Optional.of("nodes do not agree about the slots configuration yet");
            }
        }
        return Optional.empty();
    }
}
