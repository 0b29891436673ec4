package dev.trib.node.net;

import dev.trib.node.keyspace.Clock;
import dev.trib.node.resp.RespLimits;
import java.time.Duration;
import java.util.List;

/**
 * How to run a node. Port 0 asks the OS for a free port (handy in tests; see
 * {@link NodeServer#port()}).
 *
 * @param bindAddresses        addresses to listen on
 * @param port                 TCP port for clients
 * @param limits               request decoding limits; maxBulkLength doubles as proto-max-bulk-len
 * @param activeExpireInterval how often the active expiry cycle runs
 * @param activeExpireBudget   the most one cycle may spend
 * @param clock                time source for TTLs
 */
public record NodeConfig(List<String> bindAddresses, int port, RespLimits limits, Duration activeExpireInterval,
                         Duration activeExpireBudget, Clock clock) {
    public static final int DEFAULT_PORT = 6379;

    public NodeConfig {
        bindAddresses = List.copyOf(bindAddresses);
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one bind address is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Redis's defaults: all interfaces, port 6379, a 100 ms expiry cycle (hz 10) using at most 25 ms. */
    public static NodeConfig defaults() {
        return new NodeConfig(List.of("0.0.0.0"), DEFAULT_PORT, RespLimits.defaults(), Duration.ofMillis(100),
                Duration.ofMillis(25), Clock.system());
    }

    public NodeConfig withPort(int newPort) {
        return new NodeConfig(bindAddresses, newPort, limits, activeExpireInterval, activeExpireBudget, clock);
    }

    public NodeConfig withBind(List<String> addresses) {
        return new NodeConfig(addresses, port, limits, activeExpireInterval, activeExpireBudget, clock);
    }

    public NodeConfig withLimits(RespLimits newLimits) {
        return new NodeConfig(bindAddresses, port, newLimits, activeExpireInterval, activeExpireBudget, clock);
    }

    public NodeConfig withClock(Clock newClock) {
        return new NodeConfig(bindAddresses, port, limits, activeExpireInterval, activeExpireBudget, newClock);
    }
}
