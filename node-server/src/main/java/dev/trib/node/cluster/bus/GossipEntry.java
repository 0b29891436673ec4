package dev.trib.node.cluster.bus;

/**
 * What a PING/PONG says about one other node. Times are in seconds on the wire (Redis sends
 * ms / 1000) and kept as seconds here.
 */
public record GossipEntry(String node, long pingSentSeconds, long pongReceivedSeconds, String ip, int port,
                          int cport, int flags, int pport) {
}
