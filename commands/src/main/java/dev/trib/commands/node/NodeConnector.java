package dev.trib.commands.node;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.resp.RespConnection;
import dev.trib.commands.node.resp.Reply;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.ViewParts;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens {@link NodeClient}s with one set of credentials, many at once. Closing it closes every connection it
 * opened. Connections never reconnect on their own: a node that goes away is reported, not retried behind our back.
 */
public final class NodeConnector implements Nodes, AutoCloseable {
    private final ConnectionSettings settings;
    private final SSLSocketFactory tls;
    private final Map<HostAndPort, SocketNodeClient> opened = new LinkedHashMap<>();
    private final Map<HostAndPort, SocketNodeClient> side = new LinkedHashMap<>();
    /** Per lane above 0, its connections ({@link #connectLane}). */
    private final Map<Integer, Map<HostAndPort, SocketNodeClient>> lanes = new LinkedHashMap<>();
    /** A connector talks to the nodes of one cluster: their views share ids, addresses and slot sets. */
    private final ViewParts viewParts = new ViewParts();

    public NodeConnector(ConnectionSettings settings) {
        this.settings = settings;
        this.tls = settings.tls() ? TlsContexts.socketFactory(settings) : null;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /**
     * Connects to one node, or reuses this connector's connection to it; throws {@link NodeAccessException}
     * naming the node and the reason.
     */
    @Override
    public NodeClient connect(HostAndPort address) {
        return cached(opened, address);
    }

    /**
     * A second connection to the node, cached apart from {@link #connect}'s: for short steps that must not queue
     * behind a long pipeline running on the first one (the node interleaves the two clients' commands).
     */
    @Override
    public NodeClient connectSide(HostAndPort address) {
        return cached(side, address);
    }

    @Override
    public NodeClient connectLane(HostAndPort address, int lane) {
        if (lane == 0) {
            return connect(address);
        }
        Map<HostAndPort, SocketNodeClient> cache;
        synchronized (opened) {
            cache = lanes.computeIfAbsent(lane, k -> new LinkedHashMap<>());
        }
        return cached(cache, address);
    }

    private NodeClient cached(Map<HostAndPort, SocketNodeClient> cache, HostAndPort address) {
        synchronized (opened) {
            SocketNodeClient existing = cache.get(address);
            if (existing != null && !existing.broken()) {
                return existing;
            }
        }
        SocketNodeClient client = open(address);
        synchronized (opened) {
            SocketNodeClient before = cache.get(address);
            if (before != null && !before.broken()) {
                client.close();
                return before;
            }
            cache.put(address, client);
        }
        return client;
    }

    /** Connects to all nodes at once; each result holds a client or the reason it failed. Order is kept. */
    public Map<HostAndPort, Result> connectAll(Collection<HostAndPort> addresses) {
        Map<HostAndPort, Result> out = new LinkedHashMap<>();
        for (var o : Parallel.map(List.copyOf(addresses), this::connect)) {
            out.put(o.input(), o.ok() ? new Result(o.input(), o.value(), null)
                    : new Result(o.input(), null, o.error() instanceof NodeAccessException a ? a
                    : new NodeAccessException(o.input(), Failures.reason(o.error()), o.error())));
        }
        return out;
    }

    /** A connection attempt: exactly one of client and failure is set. */
    public record Result(HostAndPort address, NodeClient client, NodeAccessException failure) {
        public boolean ok() {
            return client != null;
        }
    }

    private SocketNodeClient open(HostAndPort a) {
        RespConnection c;
        try {
            c = RespConnection.open(a.host(), a.port(), (int) settings.connectTimeout().toMillis(),
                    (int) settings.commandTimeout().toMillis(), tls, a.host());
            if (tls != null && settings.password().isEmpty()) {
                // A TLS 1.3 server rejects a missing client certificate only after the handshake: find out here.
                c.call("PING");
            }
        } catch (IOException | RuntimeException e) {
            throw new NodeAccessException(a, Failures.reason(e, tls != null), e);
        }
        if (settings.password().isPresent()) {
            authenticate(a, c);
        }
        return new SocketNodeClient(a, c, viewParts);
    }

    private void authenticate(HostAndPort a, RespConnection c) {
        String password = new String(settings.password().get());
        Reply reply;
        try {
            reply = settings.user().isPresent() ? c.call("AUTH", settings.user().get(), password)
                    : c.call("AUTH", password);
        } catch (IOException e) {
            c.close();
            throw new NodeAccessException(a, Failures.reason(e, tls != null), e);
        }
        if (reply instanceof Reply.Error err) {
            c.close();
            throw new NodeAccessException(a, Failures.replyReason(err.message()), null);
        }
    }

    @Override
    public void close() {
        List<NodeClient> copy;
        synchronized (opened) {
            copy = new ArrayList<>(opened.values());
            copy.addAll(side.values());
            lanes.values().forEach(l -> copy.addAll(l.values()));
            opened.clear();
            side.clear();
            lanes.clear();
        }
        copy.forEach(NodeClient::close);
    }
}
