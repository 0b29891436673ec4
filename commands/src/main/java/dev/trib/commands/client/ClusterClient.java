package dev.trib.commands.client;

import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.resp.RespError;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.KeySlot;
import dev.trib.planner.topology.KeySlots;

import java.util.ArrayList;
import java.util.List;

/**
 * A small cluster-aware client, as applications use one: commands go to the slot's owner from a cached slot map,
 * MOVED updates the map, ASK is followed once with ASKING, TRYAGAIN is retried. Not thread-safe.
 */
public final class ClusterClient {
    private static final int MAX_REDIRECTS = 16;

    private final NodeConnector connector;
    private final List<HostAndPort> seeds;
    private final HostAndPort[] owner = new HostAndPort[KeySlots.COUNT];

    public ClusterClient(NodeConnector connector, List<HostAndPort> seeds) {
        this.connector = connector;
        this.seeds = new ArrayList<>(seeds);
        refresh();
    }

    /** Reloads the slot map from the first seed or known master that answers. */
    public void refresh() {
        RuntimeException last = null;
        for (HostAndPort seed : seeds) {
            try {
                ClusterView view = connector.connect(seed).clusterView();
                for (ClusterNode m : view.masters()) {
                    if (m.address().hasIp()) {
                        HostAndPort at = m.address().hostAndPort();
                        m.slots().stream().forEach(s -> owner[s] = at);
                        if (!seeds.contains(at)) {
                            seeds.add(at);
                        }
                    }
                }
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last != null ? last : new IllegalStateException("no seed node");
    }

    /**
     * Runs one command on the owner of the key's slot, following redirections; an error reply that is not a
     * redirection comes back as a {@link RespError} value; a node that cannot be reached throws
     * {@link NodeAccessException} (the slot map is reloaded first, so the next call may succeed).
     */
    public Object call(String key, Object... command) {
        int slot = KeySlot.of(key);
        HostAndPort node = owner[slot];
        boolean asking = false;
        for (int i = 0; i < MAX_REDIRECTS; i++) {
            if (node == null) {
                refresh();
                node = owner[slot];
                if (node == null) {
                    return new RespError("CLUSTERDOWN Hash slot not served");
                }
            }
            Object reply;
            try {
                reply = asking ? connector.connect(node).pipeline(List.of(new Object[] {"ASKING"}, command)).get(1)
                        : connector.connect(node).pipeline(List.<Object[]>of(command)).get(0);
            } catch (RuntimeException e) {
                tryRefresh();
                throw e;
            }
            asking = false;
            if (!(reply instanceof RespError err)) {
                return reply;
            }
            String msg = err.message();
            if (msg.startsWith("MOVED ")) {
                node = HostAndPort.parse(msg.split(" ")[2]);
                owner[slot] = node;
            } else if (msg.startsWith("ASK ")) {
                node = HostAndPort.parse(msg.split(" ")[2]);
                asking = true;
            } else if (msg.startsWith("TRYAGAIN")) {
                pause();
            } else {
                return reply;
            }
        }
        return new RespError("ERR too many redirections for slot " + slot);
    }

    private void tryRefresh() {
        try {
            refresh();
        } catch (RuntimeException ignored) {
            // the caller reports the original failure
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
