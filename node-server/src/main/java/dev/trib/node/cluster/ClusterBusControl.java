package dev.trib.node.cluster;

import dev.trib.node.cluster.state.LinkView;

/** What commands ask of the cluster bus; {@link #NONE} when no bus runs (unit tests). */
public interface ClusterBusControl {
    ClusterBusControl NONE = new ClusterBusControl() {
    };

    /** Starts a handshake with ip:port (CLUSTER MEET); false when the address is not valid. */
    default boolean meet(String ip, int port, int cport) {
        return false;
    }

    default LinkView links() {
        return LinkView.NONE;
    }

    default int connectionCount() {
        return 0;
    }

    /** Node ids that may not be re-added by gossip for a while (CLUSTER FORGET). */
    default void blacklist(String id) {
    }

    /** Clears the blacklist and drops every link (CLUSTER RESET). */
    default void reset() {
    }

    /** Failure reports currently held about a node. */
    default int failureReports(String id) {
        return 0;
    }

    /**
     * PUBLISH (to every node) or, with shard, PUBLISHSHARD (to the other nodes serving this node's slots: its
     * master or replicas), as clusterPropagatePublish and clusterPropagatePublishShard do.
     */
    default void publish(boolean shard, byte[] channel, byte[] message) {
    }

    /** Sends PONG to every node right away, so a changed config spreads quickly. */
    default void broadcastPong() {
    }

    /**
     * CLUSTER FAILOVER on a replica.
     *
     * @return null when accepted, else the error reply text
     */
    default String manualFailover(boolean force, boolean takeover) {
        return "ERR no cluster bus";
    }

    /** Open links, for CLUSTER LINKS. */
    default java.util.List<LinkInfo> linkInfo() {
        return java.util.List.of();
    }

    /** One bus link as CLUSTER LINKS reports it. */
    record LinkInfo(String direction, String node, long createTime, String events, long sendBufferAllocated,
                    long sendBufferUsed) {
    }
}
