package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handshake renaming, address changes and PFAIL marking with literal messages and timings: no sockets, no clock. */
class LinkRulesTest {
    private static final String ME = "5".repeat(40);
    private static final String LOW = "1".repeat(40);
    private static final String HIGH = "9".repeat(40);
    /** The random name a node met by address goes by until it answers. */
    private static final String PLACEHOLDER = "a".repeat(40);
    private static final String STRANGER = "e".repeat(40);
    /** The random name we give a stranger that met us. */
    private static final String MET = "b".repeat(40);
    private static final long TIMEOUT = 15_000;

    /** ME and LOW masters (0-8191, 8192-16383) at epochs 1 and 2; HIGH a replica of LOW; PLACEHOLDER met at .9:7009. */
    private static ClusterConfig cluster() {
        ClusterConfig.Editor e = ClusterConfig.fresh(new ClusterNode(ME, "127.0.0.1", 7000, 17000, "",
                NodeFlags.MYSELF | NodeFlags.MASTER, null, 1, 0)).edit();
        e.put(new ClusterNode(LOW, "127.0.0.2", 7001, 17001, "", NodeFlags.MASTER, null, 2, 0));
        e.put(new ClusterNode(HIGH, "127.0.0.3", 7002, 17002, "", NodeFlags.SLAVE, LOW, 2, 0));
        e.put(new ClusterNode(PLACEHOLDER, "127.0.0.9", 7009, 17009, "", NodeFlags.HANDSHAKE | NodeFlags.MEET, null,
                0, 1_000));
        for (int s = 0; s <= 16383; s++) {
            e.setOwner(s, s < 8192 ? ME : LOW);
        }
        return e.currentEpoch(2).build();
    }

    /** A message header as redis-server 7.0 sends it, from {@code sender} announcing {@code ip:port@cport}. */
    private static BusMessage message(int type, String sender, int flags, String ip, int port, int cport) {
        return new BusMessage(type, 2, 2, 0, sender, new byte[2048], null, ip, port, 0, cport, flags,
                BusMessage.STATE_OK, 0, List.of(), null, null, null);
    }

    private static BusMessage pong(String sender, int flags) {
        return message(BusMessage.PONG, sender, flags, "127.0.0.9", 7009, 17009);
    }

    @Test
    void onlyLiteralAddressesAreMet() {
        assertEquals("127.0.0.1", LinkRules.normalisedIp("127.0.0.1"));
        assertEquals("0:0:0:0:0:0:0:1", LinkRules.normalisedIp("::1"), "IPv6 as Java prints it");
        assertNull(LinkRules.normalisedIp("localhost"), "names are never resolved");
        assertNull(LinkRules.normalisedIp("256.0.0.1"));
        assertNull(LinkRules.normalisedIp("127.0.0"));
        assertNull(LinkRules.normalisedIp(""));
        assertTrue(LinkRules.validPorts(7000, 17000));
        assertFalse(LinkRules.validPorts(7000, 65536));
        assertFalse(LinkRules.validPorts(0, 17000));
    }

    @Test
    void aMeetStartsOneHandshakePerAddress() {
        ClusterConfig c = cluster();
        ClusterConfig met = LinkRules.startHandshake(c, "127.0.0.4", 7004, 17004, () -> STRANGER, 5_000);
        ClusterNode n = met.node(STRANGER);
        assertEquals(NodeFlags.HANDSHAKE | NodeFlags.MEET, n.flags());
        assertEquals("127.0.0.4:7004@17004", n.ip() + ":" + n.port() + "@" + n.cport());
        assertEquals(5_000, n.createdAt());
        assertSame(c, LinkRules.startHandshake(c, "127.0.0.9", 7009, 17009, () -> {
            throw new AssertionError("no name is drawn for a handshake already under way");
        }, 5_000),
                "a handshake with that address is already under way");
        assertEquals(5, LinkRules.startHandshake(c, "127.0.0.9", 7009, 17010, () -> STRANGER, 5_000).size(),
                "another bus port is another address");
    }

    @Test
    void aMeetFromAStrangerAddsItInHandshakeAtItsAnnouncedOrPeerAddress() {
        ClusterConfig c = cluster();
        ClusterConfig announced = LinkRules.acceptMeet(c,
                message(BusMessage.MEET, STRANGER, NodeFlags.MASTER, "127.0.0.4", 7004, 17004), "127.0.0.99", MET, 7_000);
        ClusterNode n = announced.node(MET);
        assertEquals(NodeFlags.HANDSHAKE, n.flags(), "handshake, not meet: it met us");
        assertEquals("127.0.0.4", n.ip());
        ClusterConfig unannounced = LinkRules.acceptMeet(c,
                message(BusMessage.MEET, STRANGER, NodeFlags.MASTER, "", 7004, 17004), "127.0.0.99", MET,
                7_000);
        assertEquals("127.0.0.99", unannounced.node(MET).ip());
        assertSame(c, LinkRules.acceptMeet(c, message(BusMessage.MEET, LOW, NodeFlags.MASTER, "", 7001, 17001),
                "127.0.0.2", MET, 7_000), "a MEET from a known node adds nothing");
        assertSame(c, LinkRules.acceptMeet(c, message(BusMessage.PING, STRANGER, NodeFlags.MASTER, "", 7004, 17004),
                "127.0.0.99", MET, 7_000), "only a MEET introduces a stranger");
    }

    @Test
    void theFirstPongRenamesTheHandshakeNodeWithItsAnnouncedRole() {
        LinkRules.Identified seen = LinkRules.identify(cluster(), PLACEHOLDER, pong(STRANGER, NodeFlags.SLAVE));
        assertEquals(LinkRules.Identity.RENAMED, seen.identity());
        assertNull(seen.config().node(PLACEHOLDER));
        ClusterNode real = seen.config().node(STRANGER);
        assertEquals(NodeFlags.SLAVE, real.flags(), "handshake and meet cleared, the announced role taken");
        assertEquals("127.0.0.9", real.ip());
        assertEquals(4, seen.config().size(), "renamed, not added");
    }

    @Test
    void aHandshakeWithANodeWeKnowDropsThePlaceholder() {
        ClusterConfig c = cluster();
        LinkRules.Identified seen = LinkRules.identify(c, PLACEHOLDER, pong(LOW, NodeFlags.MASTER));
        assertEquals(LinkRules.Identity.DUPLICATE, seen.identity());
        assertNull(seen.config().node(PLACEHOLDER));
        assertEquals(c.node(LOW), seen.config().node(LOW), "the known node keeps its name, slots and epoch");
        assertEquals(8192, seen.config().slotCount(LOW));
    }

    @Test
    void someoneElseAnsweringAtANodesAddressForgetsTheAddress() {
        LinkRules.Identified seen = LinkRules.identify(cluster(), LOW, pong(HIGH, NodeFlags.SLAVE));
        assertEquals(LinkRules.Identity.MOVED_AWAY, seen.identity());
        ClusterNode low = seen.config().node(LOW);
        assertTrue(low.has(NodeFlags.NOADDR));
        assertEquals("", low.ip());
        assertEquals(0, low.port());
        assertEquals(8192, seen.config().slotCount(LOW), "its slots stay with it");
    }

    @Test
    void theExpectedNodeOrAStaleLinkChangesNothing() {
        ClusterConfig c = cluster();
        LinkRules.Identified same = LinkRules.identify(c, LOW, pong(LOW, NodeFlags.MASTER));
        assertEquals(LinkRules.Identity.SAME, same.identity());
        assertSame(c, same.config());
        ClusterConfig renamed = LinkRules.identify(c, PLACEHOLDER, pong(STRANGER, NodeFlags.MASTER)).config();
        LinkRules.Identified late = LinkRules.identify(renamed, PLACEHOLDER, pong(STRANGER, NodeFlags.MASTER));
        assertEquals(LinkRules.Identity.SAME, late.identity(), "a second reply on a link already renamed");
        assertSame(renamed, late.config());
    }

    @Test
    void aPingFromANewAddressMovesTheNode() {
        ClusterConfig c = cluster();
        BusMessage moved = message(BusMessage.PING, LOW, NodeFlags.MASTER, "127.0.0.5", 7005, 17005);
        ClusterNode low = LinkRules.updateAddress(c, LOW, moved, "127.0.0.77", false).node(LOW);
        assertEquals("127.0.0.5:7005@17005", low.ip() + ":" + low.port() + "@" + low.cport());
        BusMessage unannounced = message(BusMessage.PING, LOW, NodeFlags.MASTER, "", 7005, 17005);
        assertEquals("127.0.0.77", LinkRules.updateAddress(c, LOW, unannounced, "127.0.0.77", false).node(LOW).ip(),
                "no announced address: the link's peer address");
        ClusterConfig noaddr = c.edit().put(c.node(LOW).withFlag(NodeFlags.NOADDR, true)).build();
        assertFalse(LinkRules.updateAddress(noaddr, LOW, moved, "127.0.0.77", false).node(LOW)
                .has(NodeFlags.NOADDR), "an address found clears NOADDR");

        assertSame(c, LinkRules.updateAddress(c, LOW, moved, "127.0.0.77", true), "our own link: we chose it");
        assertSame(c, LinkRules.updateAddress(c, LOW,
                message(BusMessage.PING, LOW, NodeFlags.MASTER, "127.0.0.2", 7001, 17001), "127.0.0.2", false),
                "the address we know");
        assertSame(c, LinkRules.updateAddress(c, ME, moved, "127.0.0.77", false), "never myself");
        assertSame(c, LinkRules.updateAddress(c, STRANGER, moved, "127.0.0.77", false), "an unknown node");
    }

    @Test
    void gossipMovesOnlyAFailingNodeWeCannotReach() {
        ClusterConfig c = cluster();
        ClusterConfig failing = c.edit().put(c.node(LOW).withFlag(NodeFlags.PFAIL, true)).build();
        GossipEntry elsewhere = new GossipEntry(LOW, 0, 0, "127.0.0.6", 7006, 17006, NodeFlags.MASTER, 0);
        ClusterNode low = LinkRules.gossipAddress(failing, elsewhere, false).node(LOW);
        assertEquals("127.0.0.6:7006@17006", low.ip() + ":" + low.port() + "@" + low.cport());

        assertSame(c, LinkRules.gossipAddress(c, elsewhere, false), "not failing here");
        assertSame(failing, LinkRules.gossipAddress(failing, elsewhere, true), "we have a link to it");
        assertSame(failing, LinkRules.gossipAddress(failing,
                new GossipEntry(LOW, 0, 0, "127.0.0.6", 7006, 17006, NodeFlags.MASTER | NodeFlags.NOADDR, 0), false),
                "gossip without an address");
        assertSame(failing, LinkRules.gossipAddress(failing,
                new GossipEntry(LOW, 0, 0, "", 7006, 17006, NodeFlags.MASTER, 0), false));
        assertSame(failing, LinkRules.gossipAddress(failing,
                new GossipEntry(LOW, 0, 0, "127.0.0.2", 7001, 17001, NodeFlags.MASTER, 0), false), "the same address");
    }

    @Test
    void anUnansweredPingPastTheNodeTimeoutMarksPfail() {
        ClusterConfig c = cluster();
        long now = 100_000;
        ClusterConfig suspected = LinkRules.suspectIfSilent(c, LOW, now, now - TIMEOUT - 1, 0, TIMEOUT);
        assertTrue(suspected.node(LOW).has(NodeFlags.PFAIL));
        assertFalse(suspected.node(LOW).has(NodeFlags.FAIL));

        assertSame(c, LinkRules.suspectIfSilent(c, LOW, now, now - TIMEOUT, 0, TIMEOUT), "exactly the timeout");
        assertSame(c, LinkRules.suspectIfSilent(c, LOW, now, 0, 0, TIMEOUT), "no ping pending");
        assertSame(c, LinkRules.suspectIfSilent(c, LOW, now, now - 60_000, now - 100, TIMEOUT),
                "other data arrived lately: the node is alive");
        assertSame(suspected, LinkRules.suspectIfSilent(suspected, LOW, now + 1, now - TIMEOUT - 1, 0, TIMEOUT),
                "already PFAIL");
        ClusterConfig failed = c.edit().put(c.node(LOW).withFlag(NodeFlags.FAIL, true)).build();
        assertSame(failed, LinkRules.suspectIfSilent(failed, LOW, now, now - 60_000, 0, TIMEOUT), "already FAIL");
    }

    @Test
    void handshakesExpireAndStuckLinksAreReconnected() {
        ClusterNode placeholder = cluster().node(PLACEHOLDER);
        assertFalse(LinkRules.handshakeExpired(placeholder, 1_000 + TIMEOUT, TIMEOUT));
        assertTrue(LinkRules.handshakeExpired(placeholder, 1_001 + TIMEOUT, TIMEOUT));
        assertTrue(LinkRules.handshakeExpired(placeholder, 2_001, 100), "at least a second");
        assertFalse(LinkRules.handshakeExpired(placeholder, 2_000, 100));
        assertFalse(LinkRules.handshakeExpired(cluster().node(LOW), 1_000_000, TIMEOUT), "not in handshake");

        long now = 100_000;
        assertTrue(LinkRules.linkStuck(now, now - TIMEOUT - 1, now - 8_000, now - 8_000, TIMEOUT));
        assertFalse(LinkRules.linkStuck(now, now - TIMEOUT, now - 8_000, now - 8_000, TIMEOUT), "a young link");
        assertFalse(LinkRules.linkStuck(now, 0, 0, 0, TIMEOUT), "no ping pending");
        assertFalse(LinkRules.linkStuck(now, 0, now - 8_000, now - 100, TIMEOUT), "data arrives");
        assertFalse(LinkRules.linkStuck(now, 0, now - 7_500, now - 8_000, TIMEOUT), "the ping is recent");
    }
}
