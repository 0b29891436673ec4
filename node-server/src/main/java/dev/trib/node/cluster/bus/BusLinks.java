package dev.trib.node.cluster.bus;

/**
 * What failover and the sender-config rules need from the bus: messages stamped with our header, and the ways to
 * send them. {@link ClusterBus} implements it over its links; tests record what would be sent.
 */
interface BusLinks {
    /** A message of the given type with our header (clusterBuildMessageHdr) and extra mflags. */
    BusMessage header(int type, int mflags);

    void sendTo(String id, BusMessage m);

    /** To every known node with a link. */
    void broadcastMessage(BusMessage m);

    /** PONG to every node now (a failover winner's announcement). */
    void broadcastPongNow();

    /** PONG to the other replicas of my master. */
    void broadcastPongToSiblings();

    /** A PING to one node right away (a master answering MFSTART with its paused offset). */
    void pingNow(String id);

    /** UPDATE: tells a node that claims slots someone with a newer epoch owns who owns them. */
    void sendUpdate(String id, BusMessage.Update update);

    /** The replication offset in the node's last PING/PONG header. */
    long replicationOffsetOf(String id);

    /** Whether our outgoing link to the node is up. */
    boolean connected(String id);
}
