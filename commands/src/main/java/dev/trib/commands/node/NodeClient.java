package dev.trib.commands.node;

import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.NodeAddress;
import dev.trib.planner.topology.SlotSet;

import dev.trib.commands.node.resp.Reply;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One connection to one cluster node: every protocol step trib takes goes through here, so each step exists in
 * one place. Methods throw {@link NodeCommandException} for error replies and {@link NodeAccessException} when
 * the node cannot be reached or refuses our credentials.
 */
public interface NodeClient extends AutoCloseable {

    /** The address we connected to (which may differ from what the node announces). */
    HostAndPort address();

    /** CLUSTER NODES, raw. */
    String clusterNodesRaw();

    /** CLUSTER NODES, parsed; a node that does not know its own ip yet gets the address we reached it at. */
    ClusterView clusterView();

    /** CLUSTER INFO as key/value pairs. */
    Map<String, String> clusterInfo();

    /** INFO [section] as key/value pairs (section headers dropped). */
    Map<String, String> info(String section);

    long dbSize();

    /**
     * CLUSTER NODES, CLUSTER INFO and DBSIZE together; with INFO's default sections when asked for (empty when not,
     * or when the node refuses INFO).
     */
    record State(ClusterView view, Map<String, String> clusterInfo, long keys, Map<String, String> info) {
    }

    /** CLUSTER NODES, CLUSTER INFO and DBSIZE in one round trip: what loading a cluster asks of every node. */
    default State state() {
        return state(false);
    }

    /** The same, with INFO (default sections) in the same round trip when {@code withInfo}: watch's figures. */
    State state(boolean withInfo);

    /** The server's release (INFO server), asked once per connection: what trib may use on this node. */
    ServerVersion serverVersion();

    /** Assigns the slots: CLUSTER ADDSLOTSRANGE over every run, or CLUSTER ADDSLOTS where ranges are missing (6.2). */
    void addSlots(SlotSet slots);

    void setConfigEpoch(long epoch);

    /** CLUSTER MEET ip port cport: ip must be an IP literal. */
    default void meet(String ip, int port, int clusterPort) {
        meetAll(List.of(new NodeAddress(ip, port, clusterPort, java.util.Optional.empty())));
    }

    /**
     * CLUSTER MEET of each peer, in one round trip: on a loaded host a round trip to a busy node costs tens of
     * milliseconds, and create sends every node several MEETs. The first refusal is thrown once all were sent.
     */
    default void meetAll(List<NodeAddress> peers) {
        Batch b = batch();
        List<Batch.Step<Void>> steps = peers.stream().map(a -> b.meet(a.ip(), a.port(), a.clusterPort()))
                .toList();
        b.send();
        for (Batch.Step<Void> s : steps) {
            // As for any call: a refusal about credentials is an access failure, anything else the node's answer.
            s.answer().orElseThrow(e -> Failures.isAuthError(e.message())
                    ? new NodeAccessException(address(), Failures.replyReason(e.message()), null)
                    : new NodeCommandException(address(), s.command(), e.message(), null));
        }
    }

    void replicate(String masterId);

    /** CLUSTER FORGET id: drops the node and refuses to re-learn it from gossip for 60 s. */
    void forget(String nodeId);

    /** CLUSTER RESET SOFT: the node forgets every other node and slot (a replica becomes an empty master). */
    void resetSoft();

    /** CONFIG SET name value. */
    void configSet(String name, String value);

    /** CONFIG REWRITE: saves the running configuration to the node's config file. */
    void configRewrite();

    /**
     * Any command, for {@code trib call}: the node's reply as it came, an error reply as a {@link Reply.Error} value
     * rather than an exception.
     */
    Reply command(List<String> args);

    /**
     * Protocol steps to send together in one round trip, each answered by what it means ({@link Batch.Step}):
     * how trib drives slot migration, counts keys and reads settings without looking at raw replies.
     */
    Batch batch();

    /**
     * A batch whose replies may take up to {@code replyWait} when that is longer than the command timeout: for a
     * MIGRATE given a longer timeout than it (the client must not give up before the node does).
     */
    default Batch batch(java.time.Duration replyWait) {
        return batch();
    }

    /** One step in its own round trip: {@code client.one(b -> b.stable(slot))}. */
    default <T> Answer<T> one(Function<Batch, Batch.Step<T>> step) {
        Batch b = batch();
        Batch.Step<T> s = step.apply(b);
        b.send();
        return s.answer();
    }

    /** Copies the node's RDB snapshot (SYNC) into the file; this client is unusable afterwards. */
    long saveSnapshot(java.nio.file.Path file);

    @Override
    void close();
}
