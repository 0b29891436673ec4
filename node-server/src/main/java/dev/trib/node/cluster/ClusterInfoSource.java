package dev.trib.node.cluster;

/** What INFO, HELLO and CLIENT need to know about the cluster side of the node. */
public interface ClusterInfoSource {
    /** True when this node is a replica (CLUSTER REPLICATE). */
    boolean isReplica();

    /** ip and port of the master this replica follows, or null. */
    String masterHost();

    int masterPort();

    /** Open bus connections, both directions (INFO cluster_connections). */
    int busConnections();
}
