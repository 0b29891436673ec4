package dev.trib.commands.node;

import dev.trib.planner.topology.HostAndPort;

/** Where clients to nodes come from: the {@link NodeConnector}, or a scripted stand-in in tests. */
public interface Nodes {

    /** A client to the node, reused while it works; throws {@link NodeAccessException} naming the reason. */
    NodeClient connect(HostAndPort address);

    /** A second client to the node, for short steps that must not queue behind a long pipeline on the first. */
    NodeClient connectSide(HostAndPort address);

    /**
     * A client to the node for one of several workers that talk to it at the same time: lane 0 is
     * {@link #connect}'s, each other lane a connection of its own, so one worker's round trip does not queue
     * behind another's on a node that answers slowly.
     */
    default NodeClient connectLane(HostAndPort address, int lane) {
        return connect(address);
    }
}
