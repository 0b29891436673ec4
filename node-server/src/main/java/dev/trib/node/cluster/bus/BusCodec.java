package dev.trib.node.cluster.bus;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes Redis 7.0's binary bus messages. All integers are big-endian; the header is
 * 2256 bytes and every message type has an exact expected length, checked before anything is
 * read from the body.
 */
public final class BusCodec {
    public static final int HEADER_LEN = 2256;
    public static final int GOSSIP_LEN = 104;
    public static final int NAME_LEN = 40;
    public static final int IP_LEN = 46;
    public static final int SLOTS_BYTES = 2048;
    public static final int FAIL_LEN = HEADER_LEN + NAME_LEN;
    public static final int UPDATE_LEN = HEADER_LEN + 8 + NAME_LEN + SLOTS_BYTES;
    public static final int EXT_HOSTNAME = 0;
    static final int SIGNATURE = ('R' << 24) | ('C' << 16) | ('m' << 8) | 'b';

    static final int OFF_TOTLEN = 4;
    static final int OFF_VER = 8;
    static final int OFF_PORT = 10;
    static final int OFF_TYPE = 12;
    static final int OFF_COUNT = 14;
    static final int OFF_CURRENT_EPOCH = 16;
    static final int OFF_CONFIG_EPOCH = 24;
    static final int OFF_OFFSET = 32;
    static final int OFF_SENDER = 40;
    static final int OFF_MYSLOTS = 80;
    static final int OFF_SLAVEOF = 2128;
    static final int OFF_MYIP = 2168;
    static final int OFF_EXTENSIONS = 2214;
    static final int OFF_PPORT = 2246;
    static final int OFF_CPORT = 2248;
    static final int OFF_FLAGS = 2250;
    static final int OFF_STATE = 2252;
    static final int OFF_MFLAGS = 2253;

    private BusCodec() {
    }

    /**
     * Decodes one complete frame (exactly totlen bytes).
     *
     * @throws MalformedMessageException when lengths or names do not add up
     */
    public static BusMessage decode(ByteBuf frame) throws MalformedMessageException {
        int base = frame.readerIndex();
        int totlen = frame.readableBytes();
        if (totlen < HEADER_LEN) {
            throw new MalformedMessageException("message shorter than the header: " + totlen);
        }
        if (frame.getInt(base) != SIGNATURE || frame.getInt(base + OFF_TOTLEN) != totlen) {
            throw new MalformedMessageException("bad signature or length");
        }
        int ver = frame.getUnsignedShort(base + OFF_VER);
        if (ver != 1) {
            throw new MalformedMessageException("unsupported bus protocol version " + ver);
        }
        int type = frame.getUnsignedShort(base + OFF_TYPE);
        int count = frame.getUnsignedShort(base + OFF_COUNT);
        int mflags0 = frame.getUnsignedByte(base + OFF_MFLAGS);
        String hostname = null;
        List<GossipEntry> gossip = new ArrayList<>();
        String failNode = null;
        BusMessage.Update update = null;
        BusMessage.Publish publish = null;
        switch (type) {
            case BusMessage.PING, BusMessage.PONG, BusMessage.MEET -> {
                long explen = HEADER_LEN + (long) GOSSIP_LEN * count;
                if (explen > totlen) {
                    throw new MalformedMessageException("gossip count " + count + " exceeds the message");
                }
                if ((mflags0 & BusMessage.MFLAG_EXT_DATA) != 0) {
                    int extensions = frame.getUnsignedShort(base + OFF_EXTENSIONS);
                    for (int e = 0; e < extensions; e++) {
                        if (totlen - explen < 8) {
                            throw new MalformedMessageException("truncated extension header");
                        }
                        long extlen = frame.getUnsignedInt(base + (int) explen);
                        if (extlen % 8 != 0 || extlen < 8 || totlen - explen < extlen) {
                            throw new MalformedMessageException("bad extension length " + extlen);
                        }
                        int extType = frame.getUnsignedShort(base + (int) explen + 4);
                        if (extType == EXT_HOSTNAME) {
                            hostname = cString(frame, base + (int) explen + 8, (int) extlen - 8);
                        }
                        explen += extlen;
                    }
                }
                if (explen != totlen) {
                    throw new MalformedMessageException("length " + totlen + " but expected " + explen);
                }
                for (int i = 0; i < count; i++) {
                    gossip.add(gossipAt(frame, base + HEADER_LEN + i * GOSSIP_LEN));
                }
            }
            case BusMessage.FAIL -> {
                expect(totlen, FAIL_LEN);
                failNode = name(frame, base + HEADER_LEN);
            }
            case BusMessage.UPDATE -> {
                expect(totlen, UPDATE_LEN);
                long epoch = frame.getLong(base + HEADER_LEN);
                String node = name(frame, base + HEADER_LEN + 8);
                byte[] slots = new byte[SLOTS_BYTES];
                frame.getBytes(base + HEADER_LEN + 8 + NAME_LEN, slots);
                update = new BusMessage.Update(epoch, node, slots);
            }
            case BusMessage.FAILOVER_AUTH_REQUEST, BusMessage.FAILOVER_AUTH_ACK, BusMessage.MFSTART ->
                    expect(totlen, HEADER_LEN);
            case BusMessage.PUBLISH, BusMessage.PUBLISHSHARD -> {
                if (totlen < HEADER_LEN + 8) {
                    throw new MalformedMessageException("truncated publish");
                }
                long channelLen = frame.getUnsignedInt(base + HEADER_LEN);
                long messageLen = frame.getUnsignedInt(base + HEADER_LEN + 4);
                expect(totlen, HEADER_LEN + 8 + channelLen + messageLen);
                byte[] channel = new byte[(int) channelLen];
                byte[] message = new byte[(int) messageLen];
                frame.getBytes(base + HEADER_LEN + 8, channel);
                frame.getBytes(base + HEADER_LEN + 8 + (int) channelLen, message);
                publish = new BusMessage.Publish(channel, message);
            }
            default -> {
                // MODULE and types from newer versions: the header alone is read.
            }
        }
        byte[] slots = new byte[SLOTS_BYTES];
        frame.getBytes(base + OFF_MYSLOTS, slots);
        String slaveOf = isZero(frame, base + OFF_SLAVEOF, NAME_LEN) ? null : name(frame, base + OFF_SLAVEOF);
        return new BusMessage(type, frame.getLong(base + OFF_CURRENT_EPOCH), frame.getLong(base + OFF_CONFIG_EPOCH),
                frame.getLong(base + OFF_OFFSET), name(frame, base + OFF_SENDER), slots, slaveOf,
                cString(frame, base + OFF_MYIP, IP_LEN), frame.getUnsignedShort(base + OFF_PORT),
                frame.getUnsignedShort(base + OFF_PPORT), frame.getUnsignedShort(base + OFF_CPORT),
                frame.getUnsignedShort(base + OFF_FLAGS), frame.getUnsignedByte(base + OFF_STATE), mflags0, gossip,
                hostname, failNode, update, publish);
    }

    private static void expect(long totlen, long expected) throws MalformedMessageException {
        if (totlen != expected) {
            throw new MalformedMessageException("length " + totlen + " but expected " + expected);
        }
    }

    private static GossipEntry gossipAt(ByteBuf b, int at) throws MalformedMessageException {
        return new GossipEntry(name(b, at), b.getUnsignedInt(at + 40), b.getUnsignedInt(at + 44),
                cString(b, at + 48, IP_LEN), b.getUnsignedShort(at + 94), b.getUnsignedShort(at + 96),
                b.getUnsignedShort(at + 98), b.getUnsignedShort(at + 100));
    }

    /** A 40-byte node name; only lower-case hex is accepted, so names are safe to print and store. */
    private static String name(ByteBuf b, int at) throws MalformedMessageException {
        char[] out = new char[NAME_LEN];
        for (int i = 0; i < NAME_LEN; i++) {
            int c = b.getUnsignedByte(at + i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new MalformedMessageException("node name is not 40 hex characters");
            }
            out[i] = (char) c;
        }
        return new String(out);
    }

    private static boolean isZero(ByteBuf b, int at, int len) {
        for (int i = 0; i < len; i++) {
            if (b.getByte(at + i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(ByteBuf b, int at, int max) {
        int len = 0;
        while (len < max && b.getByte(at + len) != 0) {
            len++;
        }
        return b.toString(at, len, StandardCharsets.ISO_8859_1);
    }

    /** Writes a message; gossip, hostname, FAIL and UPDATE parts are written when present. */
    public static ByteBuf encode(BusMessage m, ByteBufAllocator alloc) {
        int extLen = 0;
        byte[] host = null;
        boolean pingLike = m.type() == BusMessage.PING || m.type() == BusMessage.PONG || m.type() == BusMessage.MEET;
        if (pingLike && m.hostname() != null && !m.hostname().isEmpty()) {
            host = m.hostname().getBytes(StandardCharsets.ISO_8859_1);
            extLen = 8 + ((host.length + 1 + 7) / 8) * 8;
        }
        int totlen = switch (m.type()) {
            case BusMessage.PING, BusMessage.PONG, BusMessage.MEET -> HEADER_LEN + GOSSIP_LEN * m.gossip().size()
                    + extLen;
            case BusMessage.FAIL -> FAIL_LEN;
            case BusMessage.UPDATE -> UPDATE_LEN;
            case BusMessage.PUBLISH, BusMessage.PUBLISHSHARD -> HEADER_LEN + 8 + m.publish().channel().length
                    + m.publish().message().length;
            default -> HEADER_LEN;
        };
        ByteBuf b = alloc.buffer(totlen);
        b.writeZero(totlen);
        b.setInt(0, SIGNATURE);
        b.setInt(OFF_TOTLEN, totlen);
        b.setShort(OFF_VER, 1);
        b.setShort(OFF_PORT, m.port());
        b.setShort(OFF_TYPE, m.type());
        b.setShort(OFF_COUNT, pingLike ? m.gossip().size() : 0);
        b.setLong(OFF_CURRENT_EPOCH, m.currentEpoch());
        b.setLong(OFF_CONFIG_EPOCH, m.configEpoch());
        b.setLong(OFF_OFFSET, m.offset());
        setString(b, OFF_SENDER, m.sender(), NAME_LEN);
        b.setBytes(OFF_MYSLOTS, m.mySlots());
        if (m.slaveOf() != null) {
            setString(b, OFF_SLAVEOF, m.slaveOf(), NAME_LEN);
        }
        setString(b, OFF_MYIP, m.myIp(), IP_LEN - 1);
        b.setShort(OFF_PPORT, m.pport());
        b.setShort(OFF_CPORT, m.cport());
        b.setShort(OFF_FLAGS, m.flags());
        b.setByte(OFF_STATE, m.state());
        int mflags0 = m.mflags0() & ~BusMessage.MFLAG_EXT_DATA;
        if (host != null) {
            mflags0 |= BusMessage.MFLAG_EXT_DATA;
            b.setShort(OFF_EXTENSIONS, 1);
        }
        b.setByte(OFF_MFLAGS, mflags0);
        if (pingLike) {
            int at = HEADER_LEN;
            for (GossipEntry g : m.gossip()) {
                setString(b, at, g.node(), NAME_LEN);
                b.setInt(at + 40, (int) g.pingSentSeconds());
                b.setInt(at + 44, (int) g.pongReceivedSeconds());
                setString(b, at + 48, g.ip(), IP_LEN - 1);
                b.setShort(at + 94, g.port());
                b.setShort(at + 96, g.cport());
                b.setShort(at + 98, g.flags());
                b.setShort(at + 100, g.pport());
                at += GOSSIP_LEN;
            }
            if (host != null) {
                b.setInt(at, extLen);
                b.setShort(at + 4, EXT_HOSTNAME);
                b.setBytes(at + 8, host);
            }
        } else if (m.type() == BusMessage.FAIL) {
            setString(b, HEADER_LEN, m.failNode(), NAME_LEN);
        } else if (m.type() == BusMessage.UPDATE) {
            b.setLong(HEADER_LEN, m.update().configEpoch());
            setString(b, HEADER_LEN + 8, m.update().node(), NAME_LEN);
            b.setBytes(HEADER_LEN + 8 + NAME_LEN, m.update().slots());
        } else if (m.type() == BusMessage.PUBLISH || m.type() == BusMessage.PUBLISHSHARD) {
            byte[] channel = m.publish().channel();
            b.setInt(HEADER_LEN, channel.length);
            b.setInt(HEADER_LEN + 4, m.publish().message().length);
            b.setBytes(HEADER_LEN + 8, channel);
            b.setBytes(HEADER_LEN + 8 + channel.length, m.publish().message());
        }
        return b;
    }

    private static void setString(ByteBuf b, int at, String s, int max) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        b.setBytes(at, bytes, 0, Math.min(bytes.length, max));
    }
}
