package dev.trib.commands.node;

import dev.trib.planner.topology.HostAndPort;

/** A node could not be reached or refused us (connection refused, timeout, auth failure). */
public class NodeAccessException extends RuntimeException {
    private final HostAndPort address;
    private final String reason;

    public NodeAccessException(HostAndPort address, String reason, Throwable cause) {
        super("Could not connect to " + address + ": " + reason, cause);
        this.address = address;
        this.reason = reason;
    }

    public HostAndPort address() {
        return address;
    }

    public String reason() {
        return reason;
    }
}
