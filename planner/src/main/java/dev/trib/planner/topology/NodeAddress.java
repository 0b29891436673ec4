package dev.trib.planner.topology;

import java.util.Optional;

/**
 * Where a node says it is: {@code ip:port@cport[,hostname]}. The ip is empty for a node that has not learned its
 * own address yet (a fresh node before its first MEET) and for {@code noaddr} nodes.
 */
public record NodeAddress(String ip, int port, int clusterPort, Optional<String> hostname) {

    public NodeAddress {
        ip = ip == null ? "" : ip;
        hostname = hostname == null ? Optional.empty() : hostname.filter(h -> !h.isEmpty());
    }

    public boolean hasIp() {
        return !ip.isEmpty();
    }

    public HostAndPort hostAndPort() {
        return new HostAndPort(ip, port);
    }

    /** {@code ip:port}, bracketing IPv6 so it can be typed back in. */
    public String display() {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }

    @Override
    public String toString() {
        return ip + ":" + port + "@" + clusterPort + hostname.map(h -> "," + h).orElse("");
    }
}
