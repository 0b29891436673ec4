package dev.trib.commands.ops;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.ClusterLoader;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.resp.RespError;
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
     * One node's answer: the raw reply (an error reply is a {@link RespError} value), or why there is none.
     *
     * @param node as the node describes itself, or as the entry node sees it when it could not be reached
     */
    public record NodeReply(NodeReport node, Object reply, Optional<String> failure) {
        /** An error reply or no reply at all. */
        public boolean failed() {
            return failure.isPresent() || reply instanceof RespError;
        }
    }

    /** Replies in cluster order (the entry node first). */
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
            if (!n.reachable()) {
                out.add(new NodeReply(n, null, Optional.of(n.failure().orElse("unreachable"))));
            } else if (!o.ok()) {
                out.add(new NodeReply(n, null, Optional.of(o.error() instanceof NodeAccessException a ? a.reason()
                        : o.error().getMessage())));
            } else {
                out.add(new NodeReply(n, o.value(), Optional.empty()));
            }
        }
        return out;
    }
}
