package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.NodeError;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code trib failover}: promotes a replica with CLUSTER FAILOVER and waits until every reachable node sees it
 * as the master. Given a master, promotes its best replica; given a host, does that for every master on it.
 */
public final class FailoverOperation {
    /** CLUSTER FAILOVER's variants. */
    public enum Mode { DEFAULT, FORCE, TAKEOVER }

    /** One promotion: the replica that takes over from the master. */
    public record Promotion(NodeReport replica, NodeReport master) {
        public String description() {
            return "Promote " + replica.address() + " (" + replica.self().shortId() + ") to replace master "
                    + master.address() + " (" + master.self().shortId() + ")";
        }
    }

    /** How long one CLUSTER FAILOVER is given before it is asked again: Redis's 5 s limit plus an election. */
    private static final Duration ATTEMPT = Duration.ofSeconds(12);

    private final NodeConnector connector;

    public FailoverOperation(NodeConnector connector) {
        this.connector = connector;
    }

    public ClusterSnapshot load(HostAndPort entry) {
        return new ClusterLoader(connector).load(entry);
    }

    /**
     * The node named by full ID, unique ID prefix of 4+ characters or HOST:PORT (a host name is resolved first),
     * through {@link NodeIds}, or a refusal.
     */
    public NodeReport find(ClusterSnapshot s, String ref) {
        return NodeIds.node(s.nodes(), ref);
    }

    /** The node at this address (a host name is resolved first), or a refusal. */
    public NodeReport find(ClusterSnapshot s, HostAndPort address) {
        return NodeIds.at(s.nodes(), address);
    }

    /** For the node named: itself if a replica, else its best replica. */
    public Promotion forNode(ClusterSnapshot s, NodeReport node, Mode mode) {
        HostAndPort address = node.address();
        if (node.self().isReplica()) {
            NodeReport master = node.self().masterId().flatMap(s::node).orElseThrow(() ->
                    new OperationRefusedException("Replica " + address + " has no known master."));
            if (!node.reachable()) {
                throw new OperationRefusedException("Replica " + address + " cannot be reached: "
                        + node.failure().orElse("?"));
            }
            return new Promotion(node, master);
        }
        if (node.self().slots().isEmpty()) {
            throw new OperationRefusedException("Node " + address + " is a master without slots: nothing to fail over.");
        }
        return new Promotion(best(s, node, Optional.empty(), mode).orElseThrow(() -> new OperationRefusedException(
                "Master " + address + " has no eligible replica (reachable, link up, not failing).")), node);
    }

    /** Every master on the host, each to its best replica on another host. */
    public List<Promotion> forHost(ClusterSnapshot s, String host, Mode mode) {
        String ip = resolve(new HostAndPort(host, 1)).host();
        List<Promotion> out = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (NodeReport m : s.masters()) {
            if (m.address().host().equals(ip) && !m.self().slots().isEmpty()) {
                Optional<NodeReport> r = best(s, m, Optional.of(ip), mode);
                if (r.isPresent()) {
                    out.add(new Promotion(r.get(), m));
                } else {
                    without.add(m.address().toString());
                }
            }
        }
        if (!without.isEmpty()) {
            throw new OperationRefusedException("No eligible replica on another host for master(s) "
                    + String.join(", ", without) + ": nothing was changed.");
        }
        return out;
    }

    /** Reachable, link to the master up (unless forced), not flagged failing; most replicated data first. */
    private Optional<NodeReport> best(ClusterSnapshot s, NodeReport master, Optional<String> notOnHost, Mode mode) {
        List<NodeReport> candidates = s.replicasOf(master.id()).stream()
                .filter(NodeReport::reachable)
                .filter(r -> notOnHost.map(h -> !r.address().host().equals(h)).orElse(true))
                .filter(r -> !r.self().isFailing())
                .toList();
        record Ranked(NodeReport replica, long offset) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (NodeReport r : candidates) {
            Map<String, String> info = connector.connect(r.address()).info("replication");
            if (mode == Mode.DEFAULT && !"up".equals(info.get("master_link_status"))) {
                continue;
            }
            ranked.add(new Ranked(r, Long.parseLong(info.getOrDefault("slave_repl_offset", "0"))));
        }
        return ranked.stream().max(Comparator.comparingLong(Ranked::offset)).map(Ranked::replica);
    }

    private volatile boolean stopRequested;

    /** From a Ctrl-C hook: finish the promotion in flight (a failover cannot be half-done), start no other. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Runs the promotions one after another, each waited for, until a stop request; returns how many ran. */
    public int execute(ClusterSnapshot s, List<Promotion> promotions, Mode mode, Duration timeout) {
        int done = 0;
        for (Promotion p : promotions) {
            if (stopRequested) {
                break;
            }
            promote(s, p, mode, timeout);
            done++;
        }
        return done;
    }

    /**
     * A manual failover that does not complete within Redis's own limit (5 s for the master's handshake, then an
     * election) is simply abandoned by the replica, so it is asked again, until the overall timeout.
     */
    private void promote(ClusterSnapshot s, Promotion p, Mode mode, Duration timeout) {
        NodeClient replica = connector.connect(p.replica().address());
        Optional<String> option = mode == Mode.DEFAULT ? Optional.empty() : Optional.of(mode.name());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // A retry can find the replica already promoted by the previous attempt, only not yet agreed on by every
            // node (a loaded cluster): it then answers "ERR You should send CLUSTER FAILOVER to a replica", and what
            // is left is to wait for agreement, not to fail. Its role is read only then, not before every attempt.
            Optional<NodeError> err = replica.one(b -> b.failover(option)).error();
            if (err.isPresent() && !isMaster(replica)) {
                throw new OperationRefusedException(p.replica().address() + " refused CLUSTER FAILOVER: " + err.get());
            }
            long left = deadline - System.nanoTime();
            Duration attempt = Duration.ofNanos(Math.max(1, Math.min(left, ATTEMPT.toNanos())));
            try {
                Waits.until(attempt, () -> notPromoted(s, p));
                return;
            } catch (Waits.WaitTimeoutException e) {
                if (System.nanoTime() >= deadline) {
                    throw new OperationRefusedException("Gave up after " + timeout.toMillis() + " ms: "
                            + notPromoted(s, p).orElse("?") + ". Roles now: " + roles(s) + ".");
                }
            }
        }
    }

    private static boolean isMaster(NodeClient node) {
        return node.clusterView().myself().map(ClusterNode::isMaster).orElse(false);
    }

    /** Empty once the replica says it is a master and every reachable node agrees it owns the slots. */
    private Optional<String> notPromoted(ClusterSnapshot s, Promotion p) {
        String id = p.replica().id();
        var views = Parallel.map(s.reachable().stream().filter(n -> !n.id().equals(p.master().id())).toList(),
                n -> connector.connect(n.address()).clusterView());
        for (var o : views) {
            if (!o.ok()) {
                continue; // a node that stopped answering cannot hold the failover back
            }
            ClusterView v = o.value();
            Optional<ClusterNode> seen = v.node(id);
            if (seen.isEmpty() || !seen.get().isMaster() || !seen.get().slots().equals(p.master().self().slots())) {
                return Optional.of(o.input().address() + " does not see " + p.replica().address()
                        + " as the master of its slots yet");
            }
        }
        return Optional.empty();
    }

    private String roles(ClusterSnapshot s) {
        return Parallel.map(s.nodes(), n -> connector.connect(n.address()).clusterView().myself()
                .map(m -> m.isMaster() ? "master" : "replica").orElse("?")).stream()
                .map(o -> o.input().address() + " " + (o.ok() ? o.value() : "unreachable"))
                .collect(Collectors.joining(", "));
    }

    static HostAndPort resolve(HostAndPort a) {
        try {
            return new HostAndPort(InetAddress.getByName(a.host()).getHostAddress().toLowerCase(Locale.ROOT),
                    a.port());
        } catch (UnknownHostException e) {
            throw new OperationRefusedException(List.of("Could not connect to " + a + ": unknown host"), true);
        }
    }
}
