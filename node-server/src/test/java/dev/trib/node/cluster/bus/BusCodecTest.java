package dev.trib.node.cluster.bus;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusCodecTest {
    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String B = "fedcba9876543210fedcba9876543210fedcba98";

    private static BusMessage ping(List<GossipEntry> gossip, String hostname) {
        byte[] slots = new byte[2048];
        slots[0] = 0b101;
        slots[2047] = (byte) 0x80;
        return new BusMessage(BusMessage.PING, 7, 3, 0, A, slots, null, "127.0.0.1", 7000, 0, 17000, 17, 0, 0, gossip,
                hostname, null, null);
    }

    @Test
    void pingRoundTripsWithGossipAndHostnameExtension() throws Exception {
        GossipEntry g = new GossipEntry(B, 12, 34, "10.0.0.2", 7001, 17001, 1, 0);
        ByteBuf buf = BusCodec.encode(ping(List.of(g), "node-a.example"), ByteBufAllocator.DEFAULT);
        try {
            assertEquals(2256 + 104 + 24, buf.readableBytes(), "header, one gossip entry, one padded extension");
            assertEquals('R', buf.getByte(0));
            assertEquals(BusMessage.MFLAG_EXT_DATA, buf.getByte(2253));
            BusMessage m = BusCodec.decode(buf);
            assertEquals(A, m.sender());
            assertEquals(7, m.currentEpoch());
            assertEquals(3, m.configEpoch());
            assertTrue(m.hasSlot(0) && !m.hasSlot(1) && m.hasSlot(2) && m.hasSlot(16383));
            assertNull(m.slaveOf());
            assertEquals(List.of(g), m.gossip());
            assertEquals("node-a.example", m.hostname());
            assertEquals(17000, m.cport());
        } finally {
            buf.release();
        }
    }

    @Test
    void failAndUpdateHaveTheirExactLengths() throws Exception {
        BusMessage base = ping(List.of(), null);
        BusMessage fail = new BusMessage(BusMessage.FAIL, 1, 1, 0, A, base.mySlots(), null, "", 1, 0, 2, 1, 0, 0,
                List.of(), null, B, null);
        ByteBuf f = BusCodec.encode(fail, ByteBufAllocator.DEFAULT);
        assertEquals(2296, f.readableBytes());
        assertEquals(B, BusCodec.decode(f).failNode());
        f.release();
        BusMessage update = new BusMessage(BusMessage.UPDATE, 1, 1, 0, A, base.mySlots(), null, "", 1, 0, 2, 1, 0, 0,
                List.of(), null, null, new BusMessage.Update(9, B, base.mySlots()));
        ByteBuf u = BusCodec.encode(update, ByteBufAllocator.DEFAULT);
        assertEquals(4352, u.readableBytes());
        BusMessage decoded = BusCodec.decode(u);
        assertEquals(9, decoded.update().configEpoch());
        assertTrue(decoded.update().hasSlot(16383));
        u.release();
    }

    @Test
    void publishCarriesChannelAndMessageAfterTheHeader() throws Exception {
        BusMessage publish = ping(List.of(), null).withPublish(BusMessage.PUBLISH,
                new BusMessage.Publish("news".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 'h', 'i'}));
        ByteBuf p = BusCodec.encode(publish, ByteBufAllocator.DEFAULT);
        try {
            // clusterMsgDataPublish: channel_len, message_len, then both, right after the 2256-byte header.
            assertEquals(2256 + 8 + 4 + 3, p.readableBytes());
            assertEquals(4, p.getInt(2256));
            assertEquals(3, p.getInt(2260));
            BusMessage decoded = BusCodec.decode(p);
            assertEquals(BusMessage.PUBLISH, decoded.type());
            assertArrayEquals("news".getBytes(StandardCharsets.ISO_8859_1), decoded.publish().channel());
            assertArrayEquals(new byte[] {0, 'h', 'i'}, decoded.publish().message());
            p.setInt(2260, 4); // a message length past the frame
            assertThrows(MalformedMessageException.class, () -> BusCodec.decode(p));
        } finally {
            p.release();
        }
    }

    @Test
    void malformedMessagesAreRejected() {
        ByteBuf good = BusCodec.encode(ping(List.of(), null), ByteBufAllocator.DEFAULT);
        try {
            ByteBuf wrongCount = good.copy();
            wrongCount.setShort(14, 1);
            assertThrows(MalformedMessageException.class, () -> BusCodec.decode(wrongCount));
            ByteBuf badVersion = good.copy();
            badVersion.setShort(8, 2);
            assertThrows(MalformedMessageException.class, () -> BusCodec.decode(badVersion));
            ByteBuf badName = good.copy();
            badName.setByte(40, 'Z');
            assertThrows(MalformedMessageException.class, () -> BusCodec.decode(badName));
            ByteBuf badExt = good.copy();
            badExt.setByte(2253, BusMessage.MFLAG_EXT_DATA);
            badExt.setShort(2214, 1);
            assertThrows(MalformedMessageException.class, () -> BusCodec.decode(badExt));
            assertThrows(MalformedMessageException.class, () -> BusCodec.decode(Unpooled.wrappedBuffer(new byte[100])));
        } finally {
            good.release();
        }
    }
}
