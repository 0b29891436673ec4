package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.ClusterBusControl;
import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.LinkView;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.log.ServerLog;
import dev.trib.node.text.RandomHex;
import dev.trib.node.tls.NodeTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Redis 7.0's cluster bus: listens on the bus port, keeps one outgoing link per known node,
 * answers PING/MEET with PONG, and runs the 100 ms cron (connect, ping, failure detection).
 * Incoming messages update the cluster configuration through the store, following
 * clusterProcessPacket's rules. Everything runs on the node's single event loop.
 */
public final class ClusterBus implements ClusterBusControl, LinkView, BusLinks {
    private static final AttributeKey<String> LINK_NODE = AttributeKey.valueOf("trib.bus.node");
    private static final long BLACKLIST_TTL_MS = 60_000;

    private final ClusterService cluster;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup worker;
    private final EventLoop loop;
    private boolean pongPending;
    private boolean savePending;
    private final ServerLog log;
    private final Random random = new Random();
    private final Failover failover;
    private final SenderConfig senderConfig;
    private final Map<String, NodeHealth> health = new HashMap<>();
    private final FailureReports failureReports = new FailureReports();
    private final Set<Channel> inbound = new HashSet<>();
    private final Map<String, Long> blacklist = new HashMap<>();
    private final List<Channel> listeners = new ArrayList<>();
    private ScheduledFuture<?> cronTask;
    private long iteration;
    private int busPort;
    private NodeTls tls;

    public ClusterBus(ClusterService cluster, EventLoopGroup acceptor, EventLoopGroup worker, ServerLog log) {
        this.cluster = cluster;
        this.acceptor = acceptor;
        this.worker = worker;
        this.loop = worker.next();
        this.log = log;
        this.failover = new Failover(this, cluster, log);
        this.senderConfig = new SenderConfig(this, cluster, failover, log);
    }

    /** tls-cluster: every link, accepted or opened, speaks TLS. Called before {@link #start}. */
    public void useTls(NodeTls value) {
        tls = value;
    }

    /** Binds the bus port on every address and starts the cron. */
    public void start(List<String> bindAddresses, int port) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap().group(acceptor, worker).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        inbound.add(ch);
                        ch.closeFuture().addListener(f -> inbound.remove(ch));
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newServerHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new BusFrameDecoder(), new Handler());
                    }
                });
        for (String address : bindAddresses) {
            listeners.add(b.bind(new InetSocketAddress(address, port)).sync().channel());
        }
        busPort = port;
        cronTask = loop.scheduleAtFixedRate(this::cron, 100, 100, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (cronTask != null) {
            cronTask.cancel(false);
        }
        for (Channel c : listeners) {
            c.close().awaitUninterruptibly();
        }
    }

    public int port() {
        return busPort;
    }

    private NodeHealth health(String id) {
        return health.computeIfAbsent(id, k -> new NodeHealth());
    }

    private long now() {
        return cluster.clock().nowMillis();
    }

    private ClusterConfig config() {
        return cluster.config();
    }

    // ---- LinkView ----

    @Override
    public long pingSent(String id) {
        NodeHealth h = health.get(id);
        return h == null ? 0 : h.pingSent;
    }

    @Override
    public long pongReceived(String id) {
        NodeHealth h = health.get(id);
        return h == null ? 0 : h.pongReceived;
    }

    @Override
    public boolean connected(String id) {
        NodeHealth h = health.get(id);
        return h != null && h.link != null;
    }

    // ---- ClusterBusControl ----

    @Override
    public LinkView links() {
        return this;
    }

    @Override
    public int connectionCount() {
        int n = inbound.size();
        for (NodeHealth h : health.values()) {
            if (h.link != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean meet(String ip, int port, int cport) {
        return startHandshake(ip, port, cport);
    }

    @Override
    public void blacklist(String id) {
        blacklist.put(id, now() + BLACKLIST_TTL_MS);
        dropNode(id);
    }

    @Override
    public void reset() {
        blacklist.clear();
        for (String id : new ArrayList<>(health.keySet())) {
            dropNode(id);
        }
    }

    @Override
    public int failureReports(String id) {
        return failureReports.valid(id, now(), cluster.nodeTimeout());
    }

    @Override
    public void broadcastPong() {
        // Coalesced: a pipeline of SETSLOTs asks for one broadcast each; the peers need only the final state,
        // sent once the batch has run (the task runs after the loop's current I/O).
        if (!pongPending) {
            pongPending = true;
            loop.execute(this::sendPendingPong);
        }
    }

    private void sendPendingPong() {
        pongPending = false;
        for (ClusterNode n : config().nodes()) {
            NodeHealth h = health.get(n.id());
            if (!n.isMyself() && !n.inHandshake() && h != null && h.link != null && h.link.isActive()) {
                send(h.link, build(BusMessage.PONG, true));
            }
        }
    }

    @Override
    public List<LinkInfo> linkInfo() {
        List<LinkInfo> out = new ArrayList<>();
        for (Map.Entry<String, NodeHealth> e : health.entrySet()) {
            if (e.getValue().link != null) {
                out.add(new LinkInfo("to", e.getKey(), e.getValue().linkCreated, "r", 0, 0));
            }
            if (e.getValue().inbound != null && e.getValue().inbound.isActive()) {
                out.add(new LinkInfo("from", e.getKey(), e.getValue().linkCreated, "r", 0, 0));
            }
        }
        return out;
    }

    private void dropNode(String id) {
        failureReports.forget(id);
        NodeHealth h = health.remove(id);
        if (h != null && h.link != null) {
            h.link.close();
        }
    }

    // ---- handshake ----

    /** clusterStartHandshake (the rule is {@link LinkRules#startHandshake}): false for an address it refuses. */
    boolean startHandshake(String ip, int port, int cport) {
        String normalised = LinkRules.normalisedIp(ip);
        if (normalised == null || !LinkRules.validPorts(port, cport)) {
            return false;
        }
        long now = now();
        cluster.store().update(cfg -> LinkRules.startHandshake(cfg, normalised, port, cport, () -> RandomHex.of(20),
                now));
        return true;
    }

    // ---- sending ----

    private void send(Channel ch, BusMessage m) {
        if (ch == null || !ch.isActive()) {
            return;
        }
        cluster.stats().sent(m.type());
        ch.writeAndFlush(BusCodec.encode(m, ch.alloc()), ch.voidPromise());
    }

    /** The header every message carries, describing myself (clusterBuildMessageHdr). */
    private BusMessage header(int type, List<GossipEntry> gossip, String failNode, BusMessage.Update update) {
        return header(type, gossip, failNode, update, 0);
    }

    @Override
    public BusMessage header(int type, int mflags) {
        return header(type, List.of(), null, null, mflags);
    }

    private BusMessage header(int type, List<GossipEntry> gossip, String failNode, BusMessage.Update update,
                              int mflags) {
        ClusterConfig c = config();
        ClusterNode me = c.myself();
        ClusterNode master = me.isReplica() && me.masterId() != null ? c.node(me.masterId()) : me;
        byte[] slots = master == null ? new byte[BusCodec.SLOTS_BYTES] : BusRules.slotBitmap(c, master.id());
        String announceIp = cluster.liveConfig().get(ConfigParameters.CLUSTER_ANNOUNCE_IP);
        String hostname = cluster.liveConfig().get(ConfigParameters.CLUSTER_ANNOUNCE_HOSTNAME);
        return new BusMessage(type, c.currentEpoch(), c.effectiveConfigEpoch(me), cluster.replicationOffset(), me.id(),
                slots, me.isReplica() ? me.masterId() : null, announceIp, me.port(), 0, me.cport(), me.flags(),
                cluster.stateOk() ? BusMessage.STATE_OK : BusMessage.STATE_FAIL, mflags | failover.headerFlags(),
                gossip, hostname, failNode, update);
    }

    /** PING, PONG or MEET with a gossip section (clusterSendPing). */
    private BusMessage build(int type, boolean withGossip) {
        ClusterConfig c = config();
        List<ClusterNode> candidates = new ArrayList<>(c.nodes());
        int fresh = candidates.size() - 2;
        int wanted = Math.max(3, candidates.size() / 10);
        wanted = Math.min(wanted, Math.max(fresh, 0));
        List<GossipEntry> gossip = new ArrayList<>();
        Set<String> included = new HashSet<>();
        if (withGossip) {
            int iterations = wanted * 3;
            while (fresh > 0 && gossip.size() < wanted && iterations-- > 0) {
                ClusterNode n = candidates.get(random.nextInt(candidates.size()));
                NodeHealth h = health.get(n.id());
                boolean noLinkNoSlots = (h == null || h.link == null) && c.slotCount(n.id()) == 0;
                if (n.isMyself() || n.has(NodeFlags.PFAIL) || n.inHandshake() || n.has(NodeFlags.NOADDR)
                        || noLinkNoSlots || !included.add(n.id())) {
                    continue;
                }
                gossip.add(entry(n));
                fresh--;
            }
            for (ClusterNode n : candidates) {
                if (n.has(NodeFlags.PFAIL) && !n.inHandshake() && !n.has(NodeFlags.NOADDR)
                        && included.add(n.id())) {
                    gossip.add(entry(n));
                }
            }
        }
        return header(type, gossip, null, null);
    }

    private GossipEntry entry(ClusterNode n) {
        NodeHealth h = health(n.id());
        return new GossipEntry(n.id(), h.pingSent / 1000, h.pongReceived / 1000, n.ip(), n.port(), n.cport(),
                n.flags(), 0);
    }

    private void sendPing(ClusterNode n, NodeHealth h, int type) {
        if (type == BusMessage.PING) {
            h.pingSent = now();
        }
        send(h.link, build(type, true));
    }

    @Override
    public void broadcastMessage(BusMessage m) {
        broadcast(m);
    }

    @Override
    public void publish(boolean shard, byte[] channel, byte[] message) {
        BusMessage.Publish payload = new BusMessage.Publish(channel, message);
        if (!shard) {
            broadcast(header(BusMessage.PUBLISH, List.of(), null, null).withPublish(BusMessage.PUBLISH, payload));
            return;
        }
        ClusterConfig c = config();
        ClusterNode me = c.myself();
        String master = me.isReplica() ? me.masterId() : me.id();
        BusMessage m = header(BusMessage.PUBLISHSHARD, List.of(), null, null)
                .withPublish(BusMessage.PUBLISHSHARD, payload);
        for (ClusterNode n : c.nodes()) {
            boolean sameShard = n.id().equals(master) || (n.isReplica() && master != null
                    && master.equals(n.masterId()));
            if (!n.isMyself() && sameShard) {
                sendTo(n.id(), m);
            }
        }
    }

    /** PONG to every node now (a failover winner's announcement). */
    @Override
    public void broadcastPongNow() {
        sendPendingPong();
    }

    /** PONG to the other replicas of my master (clusterBroadcastPong with LOCAL_SLAVES). */
    @Override
    public void broadcastPongToSiblings() {
        ClusterConfig c = config();
        String master = c.myself().masterId();
        for (ClusterNode n : c.nodes()) {
            NodeHealth h = health.get(n.id());
            if (!n.isMyself() && n.isReplica() && master != null && master.equals(n.masterId()) && h != null
                    && h.link != null && h.link.isActive()) {
                send(h.link, build(BusMessage.PONG, true));
            }
        }
    }

    /** UPDATE: tells a node that claims slots someone with a newer epoch owns who owns them. */
    @Override
    public void sendUpdate(String id, BusMessage.Update update) {
        sendTo(id, header(BusMessage.UPDATE, List.of(), null, update));
    }

    @Override
    public void sendTo(String id, BusMessage m) {
        NodeHealth h = health.get(id);
        if (h != null && h.link != null) {
            send(h.link, m);
        }
    }

    /** A PING to one node right away (a master answering MFSTART). */
    @Override
    public void pingNow(String id) {
        ClusterNode n = config().node(id);
        NodeHealth h = health.get(id);
        if (n != null && h != null && h.link != null) {
            sendPing(n, h, BusMessage.PING);
        }
    }

    @Override
    public long replicationOffsetOf(String id) {
        NodeHealth h = health.get(id);
        return h == null ? 0 : h.replOffset;
    }

    @Override
    public String manualFailover(boolean force, boolean takeover) {
        return failover.manualFailover(force, takeover);
    }

    private void broadcast(BusMessage m) {
        for (ClusterNode n : config().nodes()) {
            NodeHealth h = health.get(n.id());
            if (!n.isMyself() && !n.inHandshake() && h != null && h.link != null) {
                send(h.link, m);
            }
        }
    }

    /** nodes.conf written once for all the messages read in this loop iteration, not once per message. */
    private void scheduleSave() {
        if (!savePending) {
            savePending = true;
            loop.execute(() -> {
                savePending = false;
                cluster.store().saveIfDirty();
            });
        }
    }

    // ---- cron ----

    private void cron() {
        try {
            cronStep();
            cluster.store().saveIfDirty();
        } catch (RuntimeException e) {
            log.warning("cluster cron failed: " + e);
        }
    }

    private void cronStep() {
        iteration++;
        long now = now();
        long timeout = cluster.nodeTimeout();
        blacklist.values().removeIf(expiry -> expiry < now);
        for (ClusterNode n : new ArrayList<>(config().nodes())) {
            if (n.isMyself() || n.has(NodeFlags.NOADDR)) {
                continue;
            }
            if (LinkRules.handshakeExpired(n, now, timeout)) {
                dropNode(n.id());
                cluster.store().update(cfg -> cfg.edit().remove(n.id()).build());
                continue;
            }
            NodeHealth h = health(n.id());
            if (h.link == null) {
                connect(n, h);
            }
        }
        if (iteration % 10 == 0) {
            List<ClusterNode> all = new ArrayList<>(config().nodes());
            ClusterNode oldest = null;
            for (int i = 0; i < 5 && !all.isEmpty(); i++) {
                ClusterNode n = all.get(random.nextInt(all.size()));
                NodeHealth h = health.get(n.id());
                if (n.isMyself() || n.inHandshake() || h == null || h.link == null || !h.link.isActive()
                        || h.pingSent != 0) {
                    continue;
                }
                if (oldest == null || h.pongReceived < health.get(oldest.id()).pongReceived) {
                    oldest = n;
                }
            }
            if (oldest != null) {
                sendPing(oldest, health.get(oldest.id()), BusMessage.PING);
            }
        }
        boolean stateChanged = false;
        for (ClusterNode n : new ArrayList<>(config().nodes())) {
            if (n.isMyself() || n.has(NodeFlags.NOADDR) || n.inHandshake()) {
                continue;
            }
            NodeHealth h = health(n.id());
            if (h.link != null && LinkRules.linkStuck(now, h.linkCreated, h.pingSent, h.dataReceived, timeout)) {
                // The link looks stuck: reconnect rather than wait for the node to be declared failing.
                h.link.close();
                h.link = null;
            }
            if (h.link != null && h.link.isActive() && h.pingSent == 0 && now - h.pongReceived > timeout / 2) {
                sendPing(n, h, BusMessage.PING);
                continue;
            }
            long pingSent = h.pingSent;
            long dataReceived = h.dataReceived;
            ClusterConfig before = config();
            if (LinkRules.suspectIfSilent(before, n.id(), now, pingSent, dataReceived, timeout) != before) {
                log.notice("*** NODE " + n.id() + " possibly failing");
                cluster.store().update(cfg -> LinkRules.suspectIfSilent(cfg, n.id(), now, pingSent, dataReceived,
                        timeout));
                stateChanged = true;
            }
        }
        if (!stateChanged) {
            cluster.updateState();
        }
        failover.cron();
    }

    private void connect(ClusterNode n, NodeHealth h) {
        String id = n.id();
        ChannelFuture f = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1000, cluster.nodeTimeout()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            // Writes made before the handshake ends (the first PING) wait in the handler.
                            ch.pipeline().addLast(tls.newClientHandler(ch.alloc(), n.ip(), n.cport()));
                        }
                        ch.pipeline().addLast(new BusFrameDecoder(), new Handler());
                    }
                })
                .connect(new InetSocketAddress(n.ip(), n.cport()));
        Channel ch = f.channel();
        ch.attr(LINK_NODE).set(id);
        h.link = ch;
        h.linkCreated = now();
        f.addListener(done -> {
            String current = ch.attr(LINK_NODE).get();
            NodeHealth nh = current == null ? null : health.get(current);
            if (!done.isSuccess()) {
                if (nh != null && nh.link == ch) {
                    nh.link = null;
                    if (nh.pingSent == 0) {
                        // Failure detection needs a pending ping to measure against.
                        nh.pingSent = now();
                    }
                }
                return;
            }
            ClusterNode node = current == null ? null : config().node(current);
            if (node == null || nh == null) {
                ch.close();
                return;
            }
            long oldPing = nh.pingSent;
            sendPing(node, nh, node.has(NodeFlags.MEET) ? BusMessage.MEET : BusMessage.PING);
            if (oldPing != 0) {
                nh.pingSent = oldPing;
            }
            if (node.has(NodeFlags.MEET)) {
                cluster.store().update(cfg -> cfg.node(current) == null ? cfg
                        : cfg.edit().put(cfg.node(current).withFlag(NodeFlags.MEET, false)).build());
            }
        });
        ch.closeFuture().addListener(done -> {
            String current = ch.attr(LINK_NODE).get();
            NodeHealth nh = current == null ? null : health.get(current);
            if (nh != null && nh.link == ch) {
                nh.link = null;
            }
        });
    }

    // ---- receiving ----

    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                BusMessage m = BusCodec.decode(frame);
                process(ctx.channel(), m);
                scheduleSave();
            } catch (MalformedMessageException e) {
                log.warning("Closing cluster bus link from " + ctx.channel().remoteAddress() + ": " + e.getMessage());
                ctx.close();
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** clusterProcessPacket: the header's epochs from a known sender, then the message's own rules by type. */
    void process(Channel link, BusMessage m) {
        long now = now();
        cluster.stats().received(m.type());
        String linkNodeId = link.attr(LINK_NODE).get();
        ClusterNode sender = config().node(m.sender());
        if (sender != null && sender.inHandshake()) {
            sender = null;
        }
        if (sender != null) {
            health(sender.id()).dataReceived = now;
            if (linkNodeId == null) {
                health(sender.id()).inbound = link;
            }
            String sid = sender.id();
            cluster.store().update(cfg -> BusRules.adoptHeaderEpochs(cfg, sid, m.currentEpoch(), m.configEpoch()));
        }
        switch (m.type()) {
            case BusMessage.PING, BusMessage.MEET -> {
                onPingOrMeet(link, sender, m, now);
                onHeartbeat(link, linkNodeId, sender, m, now);
            }
            case BusMessage.PONG -> onHeartbeat(link, linkNodeId, sender, m, now);
            case BusMessage.FAIL -> onFail(sender, m, now);
            case BusMessage.FAILOVER_AUTH_REQUEST -> {
                if (sender != null) {
                    failover.onAuthRequest(config().node(sender.id()), m);
                }
            }
            case BusMessage.FAILOVER_AUTH_ACK -> {
                if (sender != null) {
                    failover.onAuthAck(config().node(sender.id()), m);
                }
            }
            case BusMessage.MFSTART -> {
                if (sender != null) {
                    failover.onMfStart(config().node(sender.id()));
                }
            }
            case BusMessage.UPDATE -> onUpdate(sender, m);
            case BusMessage.PUBLISH, BusMessage.PUBLISHSHARD -> {
                if (BusRules.deliversPublish(config(), m)) {
                    cluster.published(m.type() == BusMessage.PUBLISHSHARD, m.publish().channel(),
                            m.publish().message());
                }
            }
            default -> {
                // MODULE and types from newer versions: counted above, nothing else to do.
            }
        }
    }

    /** PING and MEET: learn our own address, create a handshake node for an unknown MEET sender, answer PONG. */
    private void onPingOrMeet(Channel link, ClusterNode sender, BusMessage m, long now) {
        learnMyIp(link, m.type());
        if (sender == null && m.type() == BusMessage.MEET) {
            String peerIp = peerIp(link);
            String id = RandomHex.of(20);
            cluster.store().update(cfg -> LinkRules.acceptMeet(cfg, m, peerIp, id, now));
        }
        send(link, build(BusMessage.PONG, true));
    }

    /** PING, PONG and MEET: the link's node, the sender's flags, role, slots, epochs, gossip and hostname. */
    private void onHeartbeat(Channel link, String linkNodeId, ClusterNode sender, BusMessage m, long now) {
        int type = m.type();
        if (linkNodeId != null) {
            LinkRules.Identified seen = LinkRules.identify(config(), linkNodeId, m);
            switch (seen.identity()) {
                case DUPLICATE -> {
                    // We already know this node under its real name: drop the handshake twin.
                    updateAddressIfNeeded(sender, link, m);
                    String twin = linkNodeId;
                    dropNode(twin);
                    cluster.store().update(cfg -> LinkRules.identify(cfg, twin, m).config());
                    return;
                }
                case RENAMED -> {
                    renameHandshakeNode(link, linkNodeId, m);
                    linkNodeId = m.sender();
                }
                case MOVED_AWAY -> {
                    String stale = linkNodeId;
                    cluster.store().update(cfg -> LinkRules.identify(cfg, stale, m).config());
                    NodeHealth h = health.get(stale);
                    if (h != null) {
                        h.link = null;
                    }
                    link.attr(LINK_NODE).set(null);
                    link.close();
                    return;
                }
                case SAME -> {
                }
            }
        }
        if (sender != null) {
            String sid = sender.id();
            boolean noFailover = (m.flags() & NodeFlags.NOFAILOVER) != 0;
            cluster.store().update(cfg -> cfg.edit().put(cfg.node(sid).withFlag(NodeFlags.NOFAILOVER, noFailover))
                    .build());
            if (type == BusMessage.PING && updateAddressIfNeeded(config().node(sid), link, m)) {
                cluster.updateState();
            }
        }
        if (linkNodeId != null && type == BusMessage.PONG) {
            pongReceived(linkNodeId, now);
        }
        if (sender != null) {
            health(sender.id()).replOffset = m.offset();
            senderConfig.updateRole(sender.id(), m);
            senderConfig.updateSlots(sender.id(), m);
            senderConfig.handleEpochCollision(sender.id(), m);
            processGossip(sender.id(), m);
            failover.onMasterHeader(m);
            if (m.hostname() != null) {
                String sid = sender.id();
                cluster.store().update(cfg -> cfg.edit().put(cfg.node(sid).withHostname(m.hostname())).build());
            }
        }
    }

    private void onFail(ClusterNode sender, BusMessage m, long now) {
        if (sender == null) {
            return;
        }
        ClusterConfig before = config();
        if (BusRules.markFailed(before, m.failNode()) == before) {
            return;
        }
        log.notice("FAIL message received from " + sender.id() + " about " + m.failNode());
        health(m.failNode()).failTime = now;
        cluster.store().update(cfg -> BusRules.markFailed(cfg, m.failNode()));
    }

    private void onUpdate(ClusterNode sender, BusMessage m) {
        if (sender == null) {
            return;
        }
        BusMessage.Update u = m.update();
        ClusterConfig before = config();
        if (BusRules.applyUpdate(before, u.node(), u.configEpoch()) == before) {
            return;
        }
        cluster.store().update(cfg -> BusRules.applyUpdate(cfg, u.node(), u.configEpoch()));
        senderConfig.updateSlotsConfigWith(u.node(), u.configEpoch(), u::hasSlot);
    }

    private void learnMyIp(Channel link, int type) {
        if (!cluster.liveConfig().get(ConfigParameters.CLUSTER_ANNOUNCE_IP).isEmpty()) {
            return;
        }
        if (type != BusMessage.MEET && !config().myself().ip().isEmpty()) {
            return;
        }
        if (link.localAddress() instanceof InetSocketAddress local) {
            String ip = local.getAddress().getHostAddress();
            if (!ip.equals(config().myself().ip())) {
                ClusterNode me = config().myself();
                cluster.store().update(cfg -> cfg.edit().put(me.withAddress(ip, me.port(), me.cport())).build());
                log.notice("IP address for this node updated to " + ip);
            }
        }
    }

    private static String peerIp(Channel link) {
        if (link.remoteAddress() instanceof InetSocketAddress remote) {
            return remote.getAddress().getHostAddress();
        }
        return "";
    }

    private void renameHandshakeNode(Channel link, String oldId, BusMessage m) {
        String newId = m.sender();
        cluster.store().update(cfg -> LinkRules.identify(cfg, oldId, m).config());
        NodeHealth h = health.remove(oldId);
        if (h != null) {
            health.put(newId, h);
        }
        failureReports.rename(oldId, newId);
        link.attr(LINK_NODE).set(newId);
        log.notice("Handshake with node " + newId + " completed.");
    }

    /** nodeUpdateAddressIfNeeded: a PING on an inbound link shows where the node is now. */
    private boolean updateAddressIfNeeded(ClusterNode node, Channel link, BusMessage m) {
        NodeHealth h = health(node.id());
        String peerIp = peerIp(link);
        boolean onOurLink = link == h.link;
        ClusterConfig before = config();
        if (LinkRules.updateAddress(before, node.id(), m, peerIp, onOurLink) == before) {
            return false;
        }
        String ip = m.myIp().isEmpty() ? peerIp : m.myIp();
        cluster.store().update(cfg -> LinkRules.updateAddress(cfg, node.id(), m, peerIp, onOurLink));
        if (h.link != null) {
            h.link.close();
            h.link = null;
        }
        log.notice("Address updated for node " + node.id() + ", now " + ip + ":" + m.port());
        return true;
    }

    /** A PONG: the node is alive; {@link BusRules#onPong} says which failure flag that clears. */
    private void pongReceived(String id, long now) {
        NodeHealth h = health(id);
        h.pongReceived = now;
        h.pingSent = 0;
        ClusterConfig before = config();
        long failTime = h.failTime;
        long timeout = cluster.nodeTimeout();
        if (BusRules.onPong(before, id, now, failTime, timeout) == before) {
            return;
        }
        if (before.node(id).has(NodeFlags.FAIL)) {
            log.notice("Clear FAIL state for node " + id + ": is reachable again.");
        }
        cluster.store().update(cfg -> BusRules.onPong(cfg, id, now, failTime, timeout));
    }

    /** clusterProcessGossipSection. */
    private void processGossip(String sid, BusMessage m) {
        long now = now();
        ClusterNode sender = config().node(sid);
        for (GossipEntry g : m.gossip()) {
            ClusterNode node = config().node(g.node());
            if (node != null) {
                if (sender != null && sender.isMaster() && !node.isMyself()) {
                    if ((g.flags() & (NodeFlags.FAIL | NodeFlags.PFAIL)) != 0) {
                        failureReports.add(node.id(), sid, now);
                        markFailingIfNeeded(node.id());
                    } else {
                        failureReports.remove(node.id(), sid);
                    }
                }
                NodeHealth h = health(node.id());
                if ((g.flags() & (NodeFlags.FAIL | NodeFlags.PFAIL)) == 0 && h.pingSent == 0
                        && !failureReports.any(node.id())) {
                    long pong = g.pongReceivedSeconds() * 1000;
                    if (pong <= now + 500 && pong > h.pongReceived) {
                        h.pongReceived = pong;
                    }
                }
                boolean linked = h.link != null;
                cluster.store().update(cfg -> LinkRules.gossipAddress(cfg, g, linked));
            } else if ((g.flags() & NodeFlags.NOADDR) == 0 && !blacklist.containsKey(g.node()) && !g.ip().isEmpty()
                    && g.port() > 0 && g.cport() > 0) {
                startHandshake(g.ip(), g.port(), g.cport());
            }
        }
    }

    /** markNodeAsFailingIfNeeded: the rule is {@link BusRules#failOnQuorum}; a FAIL decided here is broadcast. */
    private void markFailingIfNeeded(String id) {
        ClusterConfig before = config();
        int reports = failureReports.valid(id, now(), cluster.nodeTimeout());
        if (BusRules.failOnQuorum(before, id, reports) == before) {
            return;
        }
        log.notice("Marking node " + id + " as failing (quorum reached).");
        health(id).failTime = now();
        cluster.store().update(cfg -> BusRules.failOnQuorum(cfg, id, reports));
        broadcast(header(BusMessage.FAIL, List.of(), id, null));
    }

    /** Ids of every node with an open outgoing link (tests). */
    Set<String> linkedNodes() {
        Set<String> out = new HashSet<>();
        health.forEach((id, h) -> {
            if (h.link != null) {
                out.add(id);
            }
        });
        return Collections.unmodifiableSet(out);
    }
}
