package dev.trib.planner.topology;

import java.util.Objects;

/**
 * An address as a user types it: {@code host:port}, {@code [ipv6]:port} or a bare IPv6 literal
 * followed by {@code :port} (split at the last colon, as redis-cli does).
 */
public record HostAndPort(String host, int port) {

    public HostAndPort {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }

    /** Parses a user-supplied address; the message of the exception says what is wrong with it. */
    public static HostAndPort parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty address");
        }
        String s = text.trim();
        String host;
        String portText;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("'" + text + "' is not [ipv6]:port");
            }
            host = s.substring(1, close);
            portText = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new IllegalArgumentException("'" + text + "' is not host:port");
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '[' || c == ']')) {
            throw new IllegalArgumentException("'" + text + "' has no valid host");
        }
        // Only ASCII digits: Integer.parseInt alone would also take "+80" and non-ASCII digits.
        if (portText.isEmpty() || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + text + "' has no numeric port");
        }
        int port = portText.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + text + "': port must be between 1 and 65535");
        }
        return new HostAndPort(host, port);
    }

    public boolean isIpv6() {
        return host.indexOf(':') >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostAndPort other && port == other.port && host.equals(other.host);
    }

    /**
     * Written out rather than generated: a record's generated equals and hashCode link through method handles on
     * first use, some 10 ms of a short command's start-up, and this record is the first map key every command uses.
     */
    @Override
    public int hashCode() {
        return 31 * host.hashCode() + port;
    }

    /** {@code host:port}, or {@code [host]:port} for IPv6 so the string parses back. */
    @Override
    public String toString() {
        return isIpv6() ? "[" + host + "]:" + port : host + ":" + port;
    }
}
