package dev.trib.node.command.connection;

import dev.trib.node.command.ClientRegistry;
import dev.trib.node.command.ClientSession;
import dev.trib.node.command.CommandFlag;
import dev.trib.node.command.CommandObserver;
import dev.trib.node.command.CommandSpec;
import dev.trib.node.command.KeyPositions;
import dev.trib.node.keyspace.Key;
import dev.trib.node.resp.BulkReply;
import dev.trib.node.resp.PushReply;
import dev.trib.node.resp.Replies;
import dev.trib.node.resp.RespReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Client-side caching support (CLIENT TRACKING): invalidations are RESP3 pushes, or for RESP2 messages on
 * __redis__:invalidate to the client a tracking client redirects to, as in redis-server. Default mode
 * remembers the keys each client read (OPTIN/OPTOUT with CLIENT CACHING) and sends each invalidation once; BCAST
 * sends every written key matching a prefix, one message per prefix and command. Keys count as written when a write
 * command names them (even one that changed nothing: an extra invalidation is harmless, a missed one is not);
 * FLUSHALL/FLUSHDB invalidate everything; a key that expires is invalidated too.
 */
public final class Tracking implements CommandObserver {
    static final byte[] CHANNEL = "__redis__:invalidate".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** One client's tracking settings. */
    static final class State {
        long redirect;
        boolean bcast;
        boolean optin;
        boolean optout;
        boolean noloop;
        boolean caching;
        boolean brokenRedirect;
        final List<byte[]> prefixes = new ArrayList<>();
    }

    private final ClientRegistry clients;
    private final Map<ClientSession, State> states = new HashMap<>();
    private final Map<Key, Set<Long>> table = new HashMap<>();

    public Tracking(ClientRegistry clients) {
        this.clients = clients;
        clients.onClose(states::remove);
    }

    State state(ClientSession session) {
        return states.get(session);
    }

    void enable(ClientSession session, State state) {
        states.put(session, state);
    }

    void disable(ClientSession session) {
        states.remove(session);
    }

    ClientSession byId(long id) {
        return clients.byId(id);
    }

    @Override
    public void executed(CommandSpec spec, List<byte[]> argv, ClientSession session, long micros) {
        if (states.isEmpty()) {
            return;
        }
        State own = states.get(session);
        if (spec.has(CommandFlag.READONLY) && own != null && !own.bcast && !spec.has(CommandFlag.PUBSUB)) {
            if (!((own.optin && !own.caching) || (own.optout && own.caching))) {
                for (int p : KeyPositions.of(spec, argv)) {
                    table.computeIfAbsent(Key.of(argv.get(p)), k -> new LinkedHashSet<>()).add(session.id());
                }
            }
        }
        if (own != null && !spec.name().equals("client|caching")) {
            own.caching = false;
        }
        if (spec.name().equals("flushall") || spec.name().equals("flushdb")) {
            table.clear();
            for (Map.Entry<ClientSession, State> e : new ArrayList<>(states.entrySet())) {
                send(e.getKey(), e.getValue(), Replies.NULL_BULK, session);
            }
            return;
        }
        if (!spec.has(CommandFlag.WRITE)) {
            return;
        }
        List<byte[]> keys = new ArrayList<>();
        for (int p : KeyPositions.of(spec, argv)) {
            keys.add(argv.get(p));
        }
        invalidate(keys, session);
    }

    /** Tells the clients tracking these keys (the writer, if NOLOOP, excepted) that they changed. */
    private void invalidate(List<byte[]> keys, ClientSession session) {
        Map<ClientSession, List<RespReply>> bcast = new LinkedHashMap<>();
        for (byte[] key : keys) {
            Set<Long> ids = table.remove(Key.of(key));
            if (ids != null) {
                for (long id : ids) {
                    ClientSession target = byId(id);
                    State st = target == null ? null : states.get(target);
                    if (st == null || st.bcast || (st.noloop && target == session)) {
                        continue;
                    }
                    send(target, st, Replies.array(List.of(new BulkReply(key))), session);
                }
            }
            for (Map.Entry<ClientSession, State> e : states.entrySet()) {
                State st = e.getValue();
                if (st.bcast && !(st.noloop && e.getKey() == session) && matches(st, key)) {
                    bcast.computeIfAbsent(e.getKey(), s -> new ArrayList<>()).add(new BulkReply(key));
                }
            }
        }
        bcast.forEach((target, found) -> send(target, states.get(target), Replies.array(found), session));
    }

    /** A key removed because its TTL passed: as a write of it by nobody in particular. */
    public void expired(Key key) {
        if (states.isEmpty()) {
            return;
        }
        invalidate(List.of(key.bytes()), null);
    }

    private static boolean matches(State st, byte[] key) {
        for (byte[] prefix : st.prefixes) {
            if (prefix.length <= key.length && java.util.Arrays.equals(prefix, 0, prefix.length, key, 0,
                    prefix.length)) {
                return true;
            }
        }
        return st.prefixes.isEmpty();
    }

    /**
     * An invalidation for a tracking client, as redis-server sends it: a RESP3 push to the client (or to the client
     * it redirects to), else a __redis__:invalidate message to a subscribed RESP2 redirect client. A message for the
     * client whose command caused it goes out after that command's reply.
     */
    private void send(ClientSession client, State st, RespReply keys, ClientSession current) {
        ClientSession target = client;
        boolean redirected = false;
        if (st.redirect != 0) {
            target = byId(st.redirect);
            if (target == null) {
                st.brokenRedirect = true;
                if (client.protocol() > 2) {
                    push(client, new PushReply(List.of(BulkReply.of("tracking-redir-broken"),
                            Replies.integer(st.redirect))), current);
                }
                return;
            }
            redirected = true;
        }
        if (target.protocol() > 2) {
            push(target, new PushReply(List.of(BulkReply.of("invalidate"), keys)), current);
        } else if (redirected && target.subscribed()) {
            push(target, new PushReply(List.of(BulkReply.of("message"), new BulkReply(CHANNEL), keys)), current);
        }
    }

    private static void push(ClientSession target, RespReply message, ClientSession current) {
        if (target == current && target.channel() != null) {
            target.channel().eventLoop().execute(() -> target.push(message));
        } else {
            target.push(message);
        }
    }
}
