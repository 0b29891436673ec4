package dev.trib.node.cluster.state;

/**
 * What the cluster configuration records about one node. Link health (ping/pong times,
 * connections) is not configuration and lives with the bus.
 *
 * @param id          40 hex characters
 * @param ip          address clients and peers use; empty while unknown
 * @param port        client port
 * @param cport       cluster bus port
 * @param hostname    announced hostname, empty when none
 * @param flags       {@link NodeFlags} bits
 * @param masterId    the master's id for replicas, else null
 * @param configEpoch the epoch this node's slot claims carry
 * @param createdAt   when this node entered our table (handshake timeout), ms
 */
public record ClusterNode(String id, String ip, int port, int cport, String hostname, int flags, String masterId,
                          long configEpoch, long createdAt) {

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public boolean isMaster() {
        return has(NodeFlags.MASTER);
    }

    public boolean isReplica() {
        return has(NodeFlags.SLAVE);
    }

    public boolean isMyself() {
        return has(NodeFlags.MYSELF);
    }

    public boolean inHandshake() {
        return has(NodeFlags.HANDSHAKE);
    }

    public boolean failing() {
        return has(NodeFlags.FAIL) || has(NodeFlags.PFAIL);
    }

    public ClusterNode withId(String newId) {
        return new ClusterNode(newId, ip, port, cport, hostname, flags, masterId, configEpoch, createdAt);
    }

    public ClusterNode withAddress(String newIp, int newPort, int newCport) {
        return new ClusterNode(id, newIp, newPort, newCport, hostname, flags, masterId, configEpoch, createdAt);
    }

    public ClusterNode withHostname(String newHostname) {
        return new ClusterNode(id, ip, port, cport, newHostname, flags, masterId, configEpoch, createdAt);
    }

    public ClusterNode withFlags(int newFlags) {
        return new ClusterNode(id, ip, port, cport, hostname, newFlags, masterId, configEpoch, createdAt);
    }

    public ClusterNode withFlag(int flag, boolean on) {
        return withFlags(on ? flags | flag : flags & ~flag);
    }

    public ClusterNode withMaster(String newMasterId) {
        return new ClusterNode(id, ip, port, cport, hostname, flags, newMasterId, configEpoch, createdAt);
    }

    public ClusterNode withConfigEpoch(long epoch) {
        return new ClusterNode(id, ip, port, cport, hostname, flags, masterId, epoch, createdAt);
    }

    /** Becomes a master (drops SLAVE and the master link). */
    public ClusterNode asMaster() {
        return new ClusterNode(id, ip, port, cport, hostname, (flags & ~NodeFlags.SLAVE) | NodeFlags.MASTER, null,
                configEpoch, createdAt);
    }

    /** Becomes a replica of the given master. */
    public ClusterNode asReplicaOf(String master) {
        return new ClusterNode(id, ip, port, cport, hostname, (flags & ~NodeFlags.MASTER) | NodeFlags.SLAVE, master,
                configEpoch, createdAt);
    }
}
