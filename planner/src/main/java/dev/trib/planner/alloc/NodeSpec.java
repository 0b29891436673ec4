package dev.trib.planner.alloc;

import dev.trib.planner.topology.HostAndPort;

import java.util.Objects;

/**
 * A node to place: the address the user gave and the resolved IP of its host. Nodes are grouped by {@code host}, so
 * two names of one machine must be resolved to the same string before planning (the planner does no DNS).
 */
public record NodeSpec(HostAndPort address, String host) {

    public NodeSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host for " + address);
        }
    }

    /** A node whose address already is an IP literal: it is grouped by that IP. */
    public static NodeSpec of(HostAndPort address) {
        return new NodeSpec(address, address.host());
    }

    /** Parses {@code host:port}, taking the host as already resolved. */
    public static NodeSpec parse(String address) {
        return of(HostAndPort.parse(address));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeSpec other && address.equals(other.address) && host.equals(other.host);
    }

    /** Written out for start-up time, as in {@link HostAndPort#hashCode}. */
    @Override
    public int hashCode() {
        return 31 * address.hashCode() + host.hashCode();
    }

    @Override
    public String toString() {
        return address.host().equals(host) ? address.toString() : address + " (" + host + ")";
    }
}
