package dev.trib.node.cluster.bus;

import java.util.List;

/**
 * One cluster bus message (protocol version 1, Redis 7.0): the common header plus the parts a
 * given type carries. Names are 40-character hex strings; {@code slaveOf} is null for masters.
 *
 * @param gossip     PING/PONG/MEET gossip entries
 * @param hostname   the hostname extension, or null when absent
 * @param failNode   FAIL: the node declared failed
 * @param update     UPDATE: the node whose slots are announced
 * @param publish    PUBLISH and PUBLISHSHARD: the channel and the message
 */
public record BusMessage(int type, long currentEpoch, long configEpoch, long offset, String sender, byte[] mySlots,
                         String slaveOf, String myIp, int port, int pport, int cport, int flags, int state,
                         int mflags0, List<GossipEntry> gossip, String hostname, String failNode, Update update,
                         Publish publish) {
    public static final int PING = 0;
    public static final int PONG = 1;
    public static final int MEET = 2;
    public static final int FAIL = 3;
    public static final int PUBLISH = 4;
    public static final int FAILOVER_AUTH_REQUEST = 5;
    public static final int FAILOVER_AUTH_ACK = 6;
    public static final int UPDATE = 7;
    public static final int MFSTART = 8;
    public static final int MODULE = 9;
    public static final int PUBLISHSHARD = 10;

    /** mflags[0] bits. */
    public static final int MFLAG_PAUSED = 1;
    public static final int MFLAG_FORCEACK = 2;
    public static final int MFLAG_EXT_DATA = 4;

    /** Cluster state byte: 0 ok, 1 fail. */
    public static final int STATE_OK = 0;
    public static final int STATE_FAIL = 1;

    public BusMessage {
        gossip = List.copyOf(gossip);
    }

    /** Every type but PUBLISH and PUBLISHSHARD. */
    public BusMessage(int type, long currentEpoch, long configEpoch, long offset, String sender, byte[] mySlots,
                      String slaveOf, String myIp, int port, int pport, int cport, int flags, int state,
                      int mflags0, List<GossipEntry> gossip, String hostname, String failNode, Update update) {
        this(type, currentEpoch, configEpoch, offset, sender, mySlots, slaveOf, myIp, port, pport, cport, flags, state,
                mflags0, gossip, hostname, failNode, update, null);
    }

    /** This header carrying a PUBLISH or PUBLISHSHARD payload. */
    public BusMessage withPublish(int publishType, Publish payload) {
        return new BusMessage(publishType, currentEpoch, configEpoch, offset, sender, mySlots, slaveOf, myIp, port,
                pport, cport, flags, state, mflags0, List.of(), hostname, null, null, payload);
    }

    public boolean hasSlot(int slot) {
        return (mySlots[slot >> 3] & (1 << (slot & 7))) != 0;
    }

    /** PUBLISH / PUBLISHSHARD payload: a message for the channel's subscribers on every receiving node. */
    public record Publish(byte[] channel, byte[] message) {
    }

    /** UPDATE payload: a node's config epoch and slot bitmap. */
    public record Update(long configEpoch, String node, byte[] slots) {
        public boolean hasSlot(int slot) {
            return (slots[slot >> 3] & (1 << (slot & 7))) != 0;
        }
    }
}
