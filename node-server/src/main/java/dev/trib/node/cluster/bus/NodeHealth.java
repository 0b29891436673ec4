package dev.trib.node.cluster.bus;

import io.netty.channel.Channel;

/** Link and liveness facts about one node; not configuration, so not persisted. */
final class NodeHealth {
    long pingSent;
    long pongReceived;
    long dataReceived;
    long failTime;
    /** The replication offset in the node's last PING/PONG header (replica ranks). */
    long replOffset;
    /** Our outgoing link (connected or connecting), or null. */
    Channel link;
    long linkCreated;
    Channel inbound;
}
