package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * The rules that follow from what a link sees, as pure functions over the configuration, the message and the link's
 * timings: meeting a node by address, learning its real name from its first reply, following it to a new address,
 * and suspecting it (PFAIL) when its ping goes unanswered. {@link ClusterBus} keeps the links and timings, asks these
 * rules and applies the configuration they return; like {@link BusRules}, a rule returns the configuration it was
 * given (the same object) when nothing changes.
 */
final class LinkRules {
    private LinkRules() {
    }

    /**
     * The IP literal a MEET or a gossip entry names, normalised (IPv6 compressed as Java prints it), or null when it
     * is not a literal IPv4 or IPv6 address: the bus never resolves names.
     */
    static String normalisedIp(String ip) {
        if (!isIpLiteral(ip)) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isIpLiteral(String ip) {
        if (ip.isEmpty()) {
            return false;
        }
        if (ip.contains(":")) {
            return ip.matches("[0-9a-fA-F:.]+");
        }
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean validPorts(int port, int cport) {
        return port > 0 && port <= 65535 && cport > 0 && cport <= 65535;
    }

    /**
     * clusterStartHandshake: a node met by address (CLUSTER MEET, or gossip about a stranger) joins under a random
     * name, flagged handshake and meet, until its first reply tells its real name. A handshake already under way
     * with the same address is not started twice.
     *
     * @param ip       a normalised literal ({@link #normalisedIp})
     * @param randomId the new node's name, asked for only when one is added (gossip names strangers often)
     */
    static ClusterConfig startHandshake(ClusterConfig cfg, String ip, int port, int cport, Supplier<String> randomId,
                                        long now) {
        for (ClusterNode n : cfg.nodes()) {
            if (n.inHandshake() && n.ip().equalsIgnoreCase(ip) && n.port() == port && n.cport() == cport) {
                return cfg;
            }
        }
        return cfg.edit().put(new ClusterNode(randomId.get(), ip, port, cport, "",
                NodeFlags.HANDSHAKE | NodeFlags.MEET, null, 0, now)).build();
    }

    /**
     * A MEET from a node we do not know: it joins in handshake (not meet: it met us) at the address it announces,
     * or the link's peer address when it announces none. From a known sender a MEET adds nothing.
     */
    static ClusterConfig acceptMeet(ClusterConfig cfg, BusMessage m, String peerIp, String randomId, long now) {
        if (m.type() != BusMessage.MEET || knownSender(cfg, m.sender())) {
            return cfg;
        }
        String ip = m.myIp().isEmpty() ? peerIp : m.myIp();
        return cfg.edit().put(new ClusterNode(randomId, ip, m.port(), m.cport(), "", NodeFlags.HANDSHAKE, null, 0,
                now)).build();
    }

    /** A sender we know by its real name: not unknown, not one of our handshake placeholders. */
    static boolean knownSender(ClusterConfig cfg, String id) {
        ClusterNode n = cfg.node(id);
        return n != null && !n.inHandshake();
    }

    /** What a reply on our outgoing link says about the node we linked to. */
    enum Identity {
        /** The node we expected, or a link we know nothing of: nothing to change. */
        SAME,
        /** A handshake node answered with its real name: it now goes by that name, with the role it announces. */
        RENAMED,
        /** A handshake node turned out to be one we already know under its real name: the placeholder goes. */
        DUPLICATE,
        /** Someone else answers at that node's address: the address is forgotten (NOADDR) until gossip tells more. */
        MOVED_AWAY
    }

    record Identified(ClusterConfig config, Identity identity) {
    }

    /**
     * clusterProcessPacket's handshake and address checks for a PING, PONG or MEET read on our link to
     * {@code linkNodeId}: the message's sender is who is really there.
     */
    static Identified identify(ClusterConfig cfg, String linkNodeId, BusMessage m) {
        ClusterNode linked = cfg.node(linkNodeId);
        if (linked == null) {
            return new Identified(cfg, Identity.SAME);
        }
        if (linked.inHandshake()) {
            if (knownSender(cfg, m.sender())) {
                return new Identified(cfg.edit().remove(linkNodeId).build(), Identity.DUPLICATE);
            }
            int role = m.flags() & (NodeFlags.MASTER | NodeFlags.SLAVE);
            ClusterConfig.Editor e = cfg.edit().rename(linkNodeId, m.sender());
            ClusterNode n = e.node(m.sender());
            e.put(n.withFlags((n.flags() & ~(NodeFlags.HANDSHAKE | NodeFlags.MEET)) | role));
            return new Identified(e.build(), Identity.RENAMED);
        }
        if (!linked.id().equals(m.sender())) {
            return new Identified(cfg.edit().put(linked.withFlag(NodeFlags.NOADDR, true).withAddress("", 0, 0))
                    .build(), Identity.MOVED_AWAY);
        }
        return new Identified(cfg, Identity.SAME);
    }

    /**
     * nodeUpdateAddressIfNeeded: a PING from a known node on a link it opened shows where it is now (the address it
     * announces, or the link's peer address when it announces none). A message on our own link to it, or about
     * myself, or with the address we know, changes nothing.
     *
     * @param onOurLink the message came on our outgoing link to the node, whose address we chose ourselves
     */
    static ClusterConfig updateAddress(ClusterConfig cfg, String id, BusMessage m, String peerIp, boolean onOurLink) {
        ClusterNode n = cfg.node(id);
        if (n == null || n.isMyself() || onOurLink) {
            return cfg;
        }
        String ip = m.myIp().isEmpty() ? peerIp : m.myIp();
        if (ip.equals(n.ip()) && m.port() == n.port() && m.cport() == n.cport()) {
            return cfg;
        }
        return cfg.edit().put(n.withAddress(ip, m.port(), m.cport()).withFlag(NodeFlags.NOADDR, false)).build();
    }

    /**
     * clusterProcessGossipSection: a node we see failing, and cannot reach (no link), is said by gossip to be at
     * another address: we try there. Gossip that marks it NOADDR, gives no address, or the one we know, changes
     * nothing; nor does gossip about a node we reach or do not see failing.
     */
    static ClusterConfig gossipAddress(ClusterConfig cfg, GossipEntry g, boolean linked) {
        ClusterNode n = cfg.node(g.node());
        if (n == null || !n.failing() || linked || (g.flags() & NodeFlags.NOADDR) != 0 || g.ip().isEmpty()
                || (g.ip().equals(n.ip()) && g.port() == n.port() && g.cport() == n.cport())) {
            return cfg;
        }
        return cfg.edit().put(n.withAddress(g.ip(), g.port(), g.cport()).withFlag(NodeFlags.NOADDR, false)).build();
    }

    /** A node still in handshake after this long is dropped (clusterCron: at least a second). */
    static long handshakeTimeout(long nodeTimeout) {
        return Math.max(nodeTimeout, 1000);
    }

    /** clusterCron: a handshake that got no reply within {@link #handshakeTimeout} is abandoned. */
    static boolean handshakeExpired(ClusterNode n, long now, long nodeTimeout) {
        return n.inHandshake() && now - n.createdAt() > handshakeTimeout(nodeTimeout);
    }

    /**
     * clusterCron's failure detection: a node whose ping has gone unanswered, and that has sent nothing else, for
     * longer than the node timeout is suspected (PFAIL). A node with no ping pending, or already PFAIL or FAIL, is
     * left as it is.
     *
     * @param pingSent     when our pending ping went out, 0 when none is pending
     * @param dataReceived when anything last arrived from the node
     */
    static ClusterConfig suspectIfSilent(ClusterConfig cfg, String id, long now, long pingSent, long dataReceived,
                                         long nodeTimeout) {
        ClusterNode n = cfg.node(id);
        if (n == null || pingSent == 0 || n.failing()) {
            return cfg;
        }
        long delay = Math.min(now - pingSent, now - dataReceived);
        if (delay <= nodeTimeout) {
            return cfg;
        }
        return cfg.edit().put(n.withFlag(NodeFlags.PFAIL, true)).build();
    }

    /**
     * clusterCron: a link up longer than the node timeout, with a ping pending and nothing received for half of it,
     * looks stuck: it is reconnected rather than waiting for the node to be declared failing.
     */
    static boolean linkStuck(long now, long linkCreated, long pingSent, long dataReceived, long nodeTimeout) {
        return now - linkCreated > nodeTimeout && pingSent != 0 && now - pingSent > nodeTimeout / 2
                && now - dataReceived > nodeTimeout / 2;
    }
}
