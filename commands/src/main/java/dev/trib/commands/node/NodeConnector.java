package dev.trib.commands.node;

import dev.trib.planner.topology.HostAndPort;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ConnectionFuture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens {@link NodeClient}s with one set of credentials. Owns the client's event loops; closing it closes every
 * connection it opened. Connections never reconnect on their own: a node that goes away is reported, not retried
 * behind our back.
 */
public final class NodeConnector implements AutoCloseable {
    private final ConnectionSettings settings;
    private final ClientResources resources;
    private final RedisClient client;

    public NodeConnector(ConnectionSettings settings) {
        this.settings = settings;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(4).computationThreadPoolSize(2).build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(clientOptions(settings));
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** Connects to one node or throws {@link NodeAccessException} naming it and the reason. */
    public NodeClient connect(HostAndPort address) {
        Result r = connectAll(List.of(address)).get(address);
        if (r.failure() != null) {
            throw r.failure();
        }
        return r.client();
    }

    /** Connects to all nodes at once; each result holds a client or the reason it failed. Order is kept. */
    public Map<HostAndPort, Result> connectAll(Collection<HostAndPort> addresses) {
        Map<HostAndPort, ConnectionFuture<StatefulRedisConnection<String, String>>> pending = new LinkedHashMap<>();
        for (HostAndPort a : addresses) {
            pending.put(a, client.connectAsync(StringCodec.UTF8, uri(a)));
        }
        Map<HostAndPort, Result> out = new LinkedHashMap<>();
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos() + TimeUnit.SECONDS.toNanos(2);
        for (var e : pending.entrySet()) {
            HostAndPort a = e.getKey();
            try {
                long wait = Math.max(1, deadline - System.nanoTime());
                StatefulRedisConnection<String, String> c = e.getValue().get(wait, TimeUnit.NANOSECONDS);
                out.put(a, new Result(a, new LettuceNodeClient(a, c), null));
            } catch (TimeoutException ex) {
                e.getValue().toCompletableFuture().cancel(true);
                out.put(a, new Result(a, null, new NodeAccessException(a, "connection timed out", ex)));
            } catch (ExecutionException | CompletionException ex) {
                out.put(a, new Result(a, null, new NodeAccessException(a, Failures.reason(ex), ex)));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                out.put(a, new Result(a, null, new NodeAccessException(a, "interrupted", ex)));
            }
        }
        return out;
    }

    /** A connection attempt: exactly one of client and failure is set. */
    public record Result(HostAndPort address, NodeClient client, NodeAccessException failure) {
        public boolean ok() {
            return client != null;
        }
    }

    private RedisURI uri(HostAndPort a) {
        RedisURI.Builder b = RedisURI.builder().withHost(a.host()).withPort(a.port())
                .withTimeout(settings.commandTimeout());
        if (settings.password().isPresent()) {
            if (settings.user().isPresent()) {
                b.withAuthentication(settings.user().get(), settings.password().get());
            } else {
                b.withPassword(settings.password().get());
            }
        }
        if (settings.tls()) {
            b.withSsl(true).withVerifyPeer(!settings.insecure());
        }
        return b.build();
    }

    private static ClientOptions clientOptions(ConnectionSettings s) {
        ClientOptions.Builder b = ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // RESP2 skips the HELLO round trip and its fallback; we parse replies ourselves.
                .protocolVersion(ProtocolVersion.RESP2)
                .pingBeforeActivateConnection(false)
                .timeoutOptions(TimeoutOptions.enabled(s.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(s.connectTimeout()).keepAlive(true).build());
        if (s.tls()) {
            SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
            s.caCert().ifPresent(ca -> ssl.trustManager(ca.toFile()));
            if (s.cert().isPresent() && s.key().isPresent()) {
                ssl.keyManager(s.cert().get().toFile(), s.key().get().toFile(), null);
            }
            b.sslOptions(ssl.build());
        }
        return b.build();
    }

    @Override
    public void close() {
        // The client's shutdown closes every connection it made.
        client.shutdown(0, 200, TimeUnit.MILLISECONDS);
        resources.shutdown(0, 200, TimeUnit.MILLISECONDS);
    }
}
