package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeCommandException;
import dev.trib.commands.node.NodeError;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code trib set-timeout}: cluster-node-timeout on every node at once, saved to each node's config file. */
public final class SetTimeoutOperation {
    /** Redis refuses nothing below this, but a smaller timeout makes every hiccup a failover. */
    public static final long MIN_TIMEOUT_MS = 100;

    private final NodeConnector connector;

    public SetTimeoutOperation(NodeConnector connector) {
        this.connector = connector;
    }

    public enum Status {
        /** Set and saved. */
        OK,
        /** Set in memory, but the node has no config file to save it to: a restart brings the old value back. */
        NOT_SAVED,
        /** Not set, or set but CONFIG REWRITE failed, or the node could not be reached. */
        FAILED,
        /** Not tried: unreachable and flagged fail by the cluster (a known-dead node); the problem is the warning. */
        SKIPPED
    }

    public record NodeOutcome(NodeReport node, Status status, Optional<String> problem) {
        public HostAndPort address() {
            return node.address();
        }
    }

    /** Outcomes in cluster order (the entry node first); a node the cluster declared dead is skipped. */
    public List<NodeOutcome> run(HostAndPort entry, long timeoutMs) {
        if (timeoutMs < MIN_TIMEOUT_MS) {
            throw new IllegalArgumentException("a node timeout below " + MIN_TIMEOUT_MS + " ms");
        }
        ClusterSnapshot s = new ClusterLoader(connector).load(entry);
        List<NodeOutcome> out = new ArrayList<>();
        for (var o : Parallel.map(s.nodes(), n -> s.knownDead(n.id())
                ? new NodeOutcome(n, Status.SKIPPED, Optional.of(Preflight.skippedDeadNode(s, n)))
                : apply(n, timeoutMs))) {
            out.add(o.ok() ? o.value() : new NodeOutcome(o.input(), Status.FAILED,
                    Optional.of(o.error().getMessage())));
        }
        return out;
    }

    private NodeOutcome apply(NodeReport n, long timeoutMs) {
        if (!n.reachable()) {
            return failed(n, "unreachable: " + n.failure().orElse("?"));
        }
        NodeClient c;
        try {
            c = connector.connect(n.address());
            c.configSet("cluster-node-timeout", Long.toString(timeoutMs));
        } catch (NodeAccessException e) {
            return failed(n, "unreachable: " + e.reason());
        } catch (NodeCommandException e) {
            return failed(n, "CONFIG SET refused: " + e.reply());
        }
        try {
            c.configRewrite();
        } catch (NodeCommandException e) {
            if (e.error().is(NodeError.Kind.NO_CONFIG_FILE)) {
                return new NodeOutcome(n, Status.NOT_SAVED, Optional.of("set to " + timeoutMs
                        + " ms but not saved: the node runs without a config file, so a restart brings back the "
                        + "old value"));
            }
            return failed(n, "set to " + timeoutMs + " ms, but not saved: CONFIG REWRITE refused: " + e.reply());
        } catch (NodeAccessException e) {
            return failed(n, "set to " + timeoutMs + " ms, but CONFIG REWRITE got no answer: " + e.reason());
        }
        return new NodeOutcome(n, Status.OK, Optional.empty());
    }

    private static NodeOutcome failed(NodeReport n, String problem) {
        return new NodeOutcome(n, Status.FAILED, Optional.of(problem));
    }
}
