package dev.trib.node.net;

import dev.trib.node.config.ConfigParameter;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.config.ConfigValueException;
import dev.trib.node.keyspace.Clock;
import dev.trib.node.resp.RespLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param settings             other parameters given at startup (canonical name -> normalised value)
 * @param configFile           the config file named on the command line, or null (CONFIG REWRITE)
 * @param users                the {@code user} directives, each the user name followed by its ACL rules
 */
public record NodeConfig(List<String> bindAddresses, int port, RespLimits limits, Duration activeExpireInterval,
                         Duration activeExpireBudget, Clock clock, Map<String, String> settings, Path configFile,
                         List<List<String>> users) {
    public static final int DEFAULT_PORT = 6379;

    public NodeConfig {
        bindAddresses = List.copyOf(bindAddresses);
        settings = Map.copyOf(settings);
        users = users.stream().map(List::copyOf).toList();
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("at least one bind address is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /**
     * Redis's defaults: all interfaces, port 6379, a 100 ms expiry cycle (hz 10) using at most 25 ms —
     * except that no save points are set (save ""), so an embedded node (tests, tools) never writes
     * dump.rdb into the working directory behind its user's back. The launcher uses {@link #launcher()}.
     */
    public static NodeConfig defaults() {
        return new NodeConfig(List.of("0.0.0.0"), DEFAULT_PORT, RespLimits.defaults(), Duration.ofMillis(100),
                Duration.ofMillis(25), Clock.system(), Map.of("save", ""), null, List.of());
    }

    /** What redis-server does without a config file, save points included (bin/trib-node). */
    public static NodeConfig launcher() {
        return defaults().with("save", ConfigParameters.standard().lookup("save").defaultValue());
    }

    public NodeConfig withPort(int newPort) {
        return new NodeConfig(bindAddresses, newPort, limits, activeExpireInterval, activeExpireBudget, clock,
                settings, configFile, users);
    }

    /** Adds {@code user} directives: each line is a user name followed by its ACL rules, applied in order. */
    public NodeConfig withUsers(List<List<String>> lines) {
        List<List<String>> all = new java.util.ArrayList<>(users);
        all.addAll(lines);
        return new NodeConfig(bindAddresses, port, limits, activeExpireInterval, activeExpireBudget, clock, settings,
                configFile, all);
    }

    public NodeConfig withBind(List<String> addresses) {
        return new NodeConfig(addresses, port, limits, activeExpireInterval, activeExpireBudget, clock, settings,
                configFile, users);
    }

    public NodeConfig withLimits(RespLimits newLimits) {
        return new NodeConfig(bindAddresses, port, newLimits, activeExpireInterval, activeExpireBudget, clock,
                settings, configFile, users);
    }

    public NodeConfig withClock(Clock newClock) {
        return new NodeConfig(bindAddresses, port, limits, activeExpireInterval, activeExpireBudget, newClock,
                settings, configFile, users);
    }

    public NodeConfig withConfigFile(Path file) {
        return new NodeConfig(bindAddresses, port, limits, activeExpireInterval, activeExpireBudget, clock,
                settings, file, users);
    }

    /**
     * Sets any other parameter by its redis.conf name, validated like CONFIG SET.
     *
     * @throws IllegalArgumentException for unknown names and bad values
     */
    public NodeConfig with(String name, String value) {
        ConfigParameter p = ConfigParameters.standard().lookup(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown parameter " + name);
        }
        String normalised;
        try {
            normalised = p.kind().normalise(List.of(value));
        } catch (ConfigValueException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
        Map<String, String> next = new LinkedHashMap<>(settings);
        next.put(p.name(), normalised);
        return new NodeConfig(bindAddresses, port, limits, activeExpireInterval, activeExpireBudget, clock, next,
                configFile, users);
    }

    /** A parameter's startup value, or its default. */
    public String setting(String name) {
        ConfigParameter p = ConfigParameters.standard().lookup(name);
        String v = settings.get(p.name());
        return v != null ? v : p.defaultValue();
    }

    public boolean clusterEnabled() {
        return "yes".equals(setting(ConfigParameters.CLUSTER_ENABLED));
    }
}
