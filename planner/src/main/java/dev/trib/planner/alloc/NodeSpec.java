package dev.trib.planner.alloc;

import dev.trib.planner.topology.HostAndPort;

import java.util.Objects;

/**
 * A node to place: the address the user gave, the resolved IP of its host and the server it runs. Nodes are grouped
 * by {@code host}, so two names of one machine must be resolved to the same string before planning (the planner
 * does no DNS). A replica is only placed under a master whose data its release reads ({@link ServerRelease}).
 */
public record NodeSpec(HostAndPort address, String host, ServerRelease release) {

    public NodeSpec {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(release, "release");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host for " + address);
        }
    }

    /** A node whose server is not known: no version constraint applies to it. */
    public NodeSpec(HostAndPort address, String host) {
        this(address, host, ServerRelease.UNSTATED);
    }

    public NodeSpec withRelease(ServerRelease r) {
        return new NodeSpec(address, host, r);
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
        return o instanceof NodeSpec other && address.equals(other.address) && host.equals(other.host)
                && release.equals(other.release);
    }

    /** Written out for start-up time, as in {@link HostAndPort#hashCode}. */
    @Override
    public int hashCode() {
        return 31 * (31 * address.hashCode() + host.hashCode()) + release.hashCode();
    }

    @Override
    public String toString() {
        return address.host().equals(host) ? address.toString() : address + " (" + host + ")";
    }
}
