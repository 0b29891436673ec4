package dev.trib.commands.node;

import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;

import java.util.Map;

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

    /** CLUSTER NODES, CLUSTER INFO and DBSIZE together. */
    record State(ClusterView view, Map<String, String> clusterInfo, long keys) {
    }

    /** CLUSTER NODES, CLUSTER INFO and DBSIZE in one round trip: what loading a cluster asks of every node. */
    State state();

    /** The server's release (INFO server), asked once per connection: what trib may use on this node. */
    ServerVersion serverVersion();

    /** Assigns the slots: CLUSTER ADDSLOTSRANGE over every run, or CLUSTER ADDSLOTS where ranges are missing (6.2). */
    void addSlots(SlotSet slots);

    void setConfigEpoch(long epoch);

    /** CLUSTER MEET ip port cport: ip must be an IP literal. */
    void meet(String ip, int port, int clusterPort);

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
     * Any command, for {@code trib call}: the raw reply ({@code String}, {@code byte[]}, {@code Long},
     * {@code List}, {@code null}), with an error reply returned as a
     * {@link dev.trib.commands.node.resp.RespError} value rather than thrown.
     */
    Object command(java.util.List<String> args);

    /**
     * Sends several commands in one round trip and returns each reply in order: error replies come back as
     * {@link dev.trib.commands.node.resp.RespError} values, not exceptions, so callers decide per command.
     * Build the commands with {@link SlotCommands}, so each protocol step is spelled in one place.
     */
    java.util.List<Object> pipeline(java.util.List<Object[]> commands);

    /** Copies the node's RDB snapshot (SYNC) into the file; this client is unusable afterwards. */
    long saveSnapshot(java.nio.file.Path file);

    @Override
    void close();
}
