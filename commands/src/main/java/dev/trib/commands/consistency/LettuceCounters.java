package dev.trib.commands.consistency;

import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.planner.topology.HostAndPort;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counters reached through lettuce's {@link RedisClusterClient}, the cluster client applications use: it routes by
 * its slot map, follows MOVED and ASK, refreshes its topology when redirected or disconnected, and reconnects. What
 * consistency-test reports is then what an application would have seen. Only consistency-test loads this class:
 * lettuce and Netty add start-up time every other command should not pay (node access is trib's own socket client).
 */
public final class LettuceCounters implements Counters {
    /** lettuce and Netty log reconnects through java.util.logging: kept off the user's terminal. */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("io.lettuce"), Logger.getLogger("io.netty"),
            Logger.getLogger("reactor"));

    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, String> connection;
    private final RedisAdvancedClusterCommands<String, String> commands;
    private long lastRefresh = System.nanoTime();

    public LettuceCounters(List<HostAndPort> seeds, ConnectionSettings settings) {
        QUIET.forEach(l -> l.setLevel(Level.SEVERE));
        client = RedisClusterClient.create(seeds.stream().map(s -> uri(s, settings)).toList());
        ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enableAllAdaptiveRefreshTriggers()
                        .refreshTriggersReconnectAttempts(1)
                        .adaptiveRefreshTriggersTimeout(Duration.ofMillis(100))
                        .enablePeriodicRefresh(Duration.ofSeconds(5))
                        .dynamicRefreshSources(true)
                        .build())
                // Nodes added (or replacing others) during the run are reached before the next refresh lists them.
                .validateClusterNodeMembership(false)
                // A command for a node that is down fails at once (counted as an error) instead of waiting in a
                // buffer for the node to return, which a killed master never does.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()));
        if (settings.tls()) {
            SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
            settings.caCert().ifPresent(ca -> ssl.trustManager(ca.toFile()));
            if (settings.cert().isPresent() && settings.key().isPresent()) {
                ssl.keyManager(settings.cert().get().toFile(), settings.key().get().toFile(), null);
            }
            options.sslOptions(ssl.build());
        }
        client.setOptions(options.build());
        try {
            connection = client.connect();
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new NodeAccessException(seeds.get(0), reason(e) + " (lettuce cluster client)", e);
        }
        commands = connection.sync();
        // lettuce sets up its command path (codecs, routing, futures) on first use, which takes a moment on a cold
        // JVM: done here, before the run's clock and --rate start, with a read that changes nothing.
        try {
            commands.get("trib-consistency-test:warm-up");
        } catch (RuntimeException ignored) {
            // the run counts errors itself
        }
    }

    /**
     * Why the first seed could not be used, in one line: lettuce wraps "Cannot retrieve cluster partitions", which
     * carries each seed's own failure as a suppressed exception.
     */
    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getSuppressed().length > 0 || t.getCause() != null) {
            t = t.getSuppressed().length > 0 ? t.getSuppressed()[0] : t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }

    private static RedisURI uri(HostAndPort seed, ConnectionSettings settings) {
        RedisURI.Builder uri = RedisURI.builder().withHost(seed.host()).withPort(seed.port())
                .withTimeout(settings.commandTimeout());
        if (settings.tls()) {
            uri.withSsl(true).withVerifyPeer(settings.insecure() ? SslVerifyMode.NONE : SslVerifyMode.CA);
        }
        settings.password().ifPresent(pw -> {
            if (settings.user().isPresent()) {
                uri.withAuthentication(settings.user().get(), pw);
            } else {
                uri.withPassword(pw);
            }
        });
        return uri.build();
    }

    @Override
    public String get(String key) {
        return refreshingOnFailure(() -> commands.get(key));
    }

    @Override
    public long incr(String key) {
        return refreshingOnFailure(() -> commands.incr(key));
    }

    private <T> T refreshingOnFailure(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            refreshAfterFailure();
            throw e;
        }
    }

    /**
     * A failed call reloads the slot map (at most every 100 ms), as careful applications do: a killed master sends
     * no MOVED, and lettuce's own triggers (reconnect attempts with a growing back-off, the periodic refresh) would
     * keep sending its slots' commands to it for seconds after its replica took over.
     */
    private void refreshAfterFailure() {
        long now = System.nanoTime();
        if (now - lastRefresh < 100_000_000L) {
            return;
        }
        lastRefresh = now;
        try {
            client.refreshPartitions();
        } catch (RuntimeException ignored) {
            // the next failure tries again
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
