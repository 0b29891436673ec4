package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.resp.Reply;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code trib call}: one command on every node of the cluster (or every master, or every replica) at once. */
public final class CallOperation {
    private final NodeConnector connector;

    public CallOperation(NodeConnector connector) {
        this.connector = connector;
    }

    public enum Selection { ALL, MASTERS, REPLICAS }

    /**
     * One node's answer: its reply as it came (an error reply is a {@link Reply.Error} value), or why there is none.
     *
     * @param node    as the node describes itself, or as the entry node sees it when it could not be reached
     * @param skipped the warning, when the node was not called: unreachable and flagged fail by the cluster
     */
    public record NodeReply(NodeReport node, Reply reply, Optional<String> failure, Optional<String> skipped) {
        /** An error reply or no reply at all; a skipped node did not fail. */
        public boolean failed() {
            return failure.isPresent() || errorReply().isPresent();
        }

        /** The error reply's text, when the node answered with one. */
        public Optional<String> errorReply() {
            return reply == null ? Optional.empty() : reply.errorMessage();
        }

        static NodeReply answered(NodeReport node, Reply reply) {
            return new NodeReply(node, reply, Optional.empty(), Optional.empty());
        }

        static NodeReply failed(NodeReport node, String why) {
            return new NodeReply(node, null, Optional.of(why), Optional.empty());
        }
    }

    /** Replies in cluster order (the entry node first); a node the cluster declared dead is skipped. */
    public List<NodeReply> run(HostAndPort entry, Selection selection, List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command");
        }
        ClusterSnapshot s = new ClusterLoader(connector).load(entry);
        List<NodeReport> selected = s.nodes().stream().filter(n -> switch (selection) {
            case ALL -> true;
            case MASTERS -> n.self().isMaster();
            case REPLICAS -> n.self().isReplica();
        }).toList();
        List<NodeReply> out = new ArrayList<>();
        for (var o : Parallel.map(selected, n -> n.reachable() ? connector.connect(n.address()).command(command)
                : null)) {
            NodeReport n = o.input();
            if (s.knownDead(n.id())) {
                out.add(new NodeReply(n, null, Optional.empty(), Optional.of(Preflight.skippedDeadNode(s, n))));
            } else if (!n.reachable()) {
                out.add(NodeReply.failed(n, n.failure().orElse("unreachable")));
            } else if (!o.ok()) {
                out.add(NodeReply.failed(n, o.error() instanceof NodeAccessException a ? a.reason()
                        : o.error().getMessage()));
            } else {
                out.add(NodeReply.answered(n, o.value()));
            }
        }
        return out;
    }
}
