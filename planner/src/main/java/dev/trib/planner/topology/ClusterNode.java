package dev.trib.planner.topology;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One line of CLUSTER NODES: a node as some observer sees it. Open-slot markers ({@code [s->-id]},
 * {@code [s-<-id]}) only appear on the observer's own line.
 *
 * @param migrating slot to the id of the node it is migrating to
 * @param importing slot to the id of the node it is importing from
 */
public record ClusterNode(
        String id,
        NodeAddress address,
        Set<NodeFlag> flags,
        Optional<String> masterId,
        long pingSent,
        long pongReceived,
        long configEpoch,
        boolean linkConnected,
        SlotSet slots,
        Map<Integer, String> migrating,
        Map<Integer, String> importing) {

    /** Each combination of flags once: a 250-node check holds 62,500 nodes with a handful of combinations. */
    private static final Map<Set<NodeFlag>, Set<NodeFlag>> FLAG_SETS = new ConcurrentHashMap<>();

    public ClusterNode {
        Set<NodeFlag> known = FLAG_SETS.get(flags);
        if (known == null) {
            known = flags.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(NodeFlag.class))
                    : Collections.unmodifiableSet(EnumSet.copyOf(flags));
            FLAG_SETS.putIfAbsent(known, known);
        }
        flags = known;
        masterId = masterId == null ? Optional.empty() : masterId;
        // Most lines have no open slot: no copies for them (a 250-node check holds 62,500 of these).
        migrating = migrating.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(migrating));
        importing = importing.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(importing));
    }

    public boolean is(NodeFlag flag) {
        return flags.contains(flag);
    }

    public boolean isMyself() {
        return is(NodeFlag.MYSELF);
    }

    public boolean isMaster() {
        return is(NodeFlag.MASTER);
    }

    public boolean isReplica() {
        return is(NodeFlag.REPLICA);
    }

    /** Flagged {@code fail} or {@code fail?} by the observer. */
    public boolean isFailing() {
        return is(NodeFlag.FAIL) || is(NodeFlag.PFAIL);
    }

    public boolean hasOpenSlots() {
        return !migrating.isEmpty() || !importing.isEmpty();
    }

    public HostAndPort hostAndPort() {
        return address.hostAndPort();
    }

    /** The first 8 characters of the id, as redis-cli prints it in summaries. */
    public String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    /** This node with another address: used when a node does not know its own ip yet but we know where we reached it. */
    public ClusterNode withAddress(NodeAddress newAddress) {
        return new ClusterNode(id, newAddress, flags, masterId, pingSent, pongReceived, configEpoch, linkConnected,
                slots, migrating, importing);
    }
}
