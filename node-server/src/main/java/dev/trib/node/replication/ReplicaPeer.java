package dev.trib.node.replication;

import dev.trib.node.command.ClientSession;
import io.netty.channel.Channel;

/** A replica attached to this master: its connection and what it last acknowledged. */
public final class ReplicaPeer {
    private final ClientSession session;
    private final Channel channel;
    private boolean online;
    private long ackOffset;
    private long ackMillis;

    ReplicaPeer(ClientSession session, Channel channel) {
        this.session = session;
        this.channel = channel;
    }

    ClientSession session() {
        return session;
    }

    Channel channel() {
        return channel;
    }

    public boolean online() {
        return online;
    }

    void online(boolean value) {
        online = value;
    }

    public long ackOffset() {
        return ackOffset;
    }

    public long ackMillis() {
        return ackMillis;
    }

    void ack(long offset, long now) {
        ackOffset = Math.max(ackOffset, offset);
        ackMillis = now;
    }

    /** The replica's IP as seen on the connection. */
    public String ip() {
        String a = session.address();
        int colon = a.lastIndexOf(':');
        String ip = colon < 0 ? a : a.substring(0, colon);
        return ip.startsWith("[") ? ip.substring(1, ip.length() - 1) : ip;
    }

    /** The port the replica said it listens on (REPLCONF listening-port), else its connection's port. */
    public int port() {
        if (session.replicaListeningPort() > 0) {
            return session.replicaListeningPort();
        }
        String a = session.address();
        return Integer.parseInt(a.substring(a.lastIndexOf(':') + 1));
    }

    String name() {
        return ip() + ":" + port();
    }
}
