package dev.trib.commands.node;

import dev.trib.planner.topology.HostAndPort;

/** A node answered a command with an error reply; the message names the node, the command and the reply. */
public class NodeCommandException extends RuntimeException {
    private final HostAndPort address;
    private final String reply;

    public NodeCommandException(HostAndPort address, String command, String reply, Throwable cause) {
        super(address + " answered " + command + " with: " + reply, cause);
        this.address = address;
        this.reply = reply;
    }

    public HostAndPort address() {
        return address;
    }

    /** The node's error reply, e.g. {@code ERR Slot 5 is already busy}. */
    public String reply() {
        return reply;
    }

    /** What the error reply means. */
    public NodeError error() {
        return NodeError.of(reply);
    }

    /** The node is not cluster-enabled: CLUSTER commands answer "This instance has cluster support disabled". */
    public boolean clusterDisabled() {
        return error().is(NodeError.Kind.CLUSTER_DISABLED);
    }
}
