package dev.trib.node.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connected clients, for CLIENT LIST/ID and INFO. Used only on the event loop. Ids start at
 * 1 and are never reused while the node runs, like Redis's client ids.
 */
public final class ClientRegistry {
    private final Map<Long, ClientSession> clients = new LinkedHashMap<>();
    private long nextId = 1;
    private long totalConnections;
    private java.util.function.Consumer<ClientSession> onClose = session -> { };
    private java.util.function.BiConsumer<String, ClientSession> onUserChanged = (user, current) -> { };

    public ClientSession open(String address, String localAddress, long nowMillis) {
        ClientSession session = new ClientSession(nextId++, address, localAddress, nowMillis);
        clients.put(session.id(), session);
        totalConnections++;
        return session;
    }

    public void close(ClientSession session) {
        clients.remove(session.id());
        release(session);
    }

    /** Ends what a connection holds beyond itself (watched keys, subscriptions): when it closes, and on RESET. */
    public void release(ClientSession session) {
        session.unwatchAll();
        onClose.accept(session);
    }

    /** What else a closed (or RESET) connection ends (its subscriptions). */
    public void onClose(java.util.function.Consumer<ClientSession> action) {
        onClose = onClose.andThen(action);
    }

    /** What follows a change of a user's rules (subscribers losing a channel are disconnected). */
    public void onUserChanged(java.util.function.BiConsumer<String, ClientSession> action) {
        onUserChanged = onUserChanged.andThen(action);
    }

    /** ACL SETUSER changed this user's rules; {@code current} is the client that ran it. */
    public void userChanged(String user, ClientSession current) {
        onUserChanged.accept(user, current);
    }

    /** The connection with this CLIENT ID, or null. */
    public ClientSession byId(long id) {
        return clients.get(id);
    }

    public int size() {
        return clients.size();
    }

    public long totalConnections() {
        return totalConnections;
    }

    public List<ClientSession> all() {
        return new ArrayList<>(clients.values());
    }
}
