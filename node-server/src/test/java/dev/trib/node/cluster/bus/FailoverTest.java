package dev.trib.node.cluster.bus;

import dev.trib.node.cluster.ClusterService;
import dev.trib.node.cluster.ReplicationView;
import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.ClusterStateStore;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.node.config.ConfigParameters;
import dev.trib.node.config.LiveConfig;
import dev.trib.node.keyspace.Keyspace;
import dev.trib.node.log.ServerLog;
import dev.trib.node.support.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Failover} wired to a real cluster service and an in-memory store, with the bus replaced by a recorder:
 * manual failover from CLUSTER FAILOVER to the promotion, the master's pause for MFSTART, and a vote that is stored
 * before its ACK — driven by literal messages and a hand-moved clock, no sockets.
 */
class FailoverTest {
    private static final String A = "1".repeat(40);
    private static final String B = "2".repeat(40);
    private static final String C = "3".repeat(40);
    private static final String R1 = "4".repeat(40);

    private final MutableClock clock = new MutableClock(1_000_000);
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final Recorder links = new Recorder();
    private final Replication replication = new Replication();

    /** What Failover asked the bus to send, as "type->target" lines. */
    private static final class Recorder implements BusLinks {
        final List<String> sent = new ArrayList<>();
        final List<BusMessage> messages = new ArrayList<>();

        @Override
        public BusMessage header(int type, int mflags) {
            return new BusMessage(type, 0, 0, 0, R1, new byte[2048], null, "", 0, 0, 0, 0, 0, mflags, List.of(),
                    null, null, null);
        }

        @Override
        public void sendTo(String id, BusMessage m) {
            sent.add(m.type() + "->" + id);
            messages.add(m);
        }

        @Override
        public void broadcastMessage(BusMessage m) {
            sent.add(m.type() + "->all");
            messages.add(m);
        }

        @Override
        public void broadcastPongNow() {
            sent.add("pong->all");
        }

        @Override
        public void broadcastPongToSiblings() {
            sent.add("pong->siblings");
        }

        @Override
        public void pingNow(String id) {
            sent.add("ping->" + id);
        }

        @Override
        public void sendUpdate(String id, BusMessage.Update update) {
            sent.add("update->" + id);
        }

        @Override
        public long replicationOffsetOf(String id) {
            return 0;
        }

        @Override
        public boolean connected(String id) {
            return true;
        }
    }

    private static final class Replication implements ReplicationView {
        long offset;
        final List<Long> pauses = new ArrayList<>();

        @Override
        public long offset() {
            return offset;
        }

        @Override
        public void pauseWrites(long untilMillis) {
            pauses.add(untilMillis);
        }
    }

    /** Masters A, B, C (one third of the slots each, epochs 1-3), R1 replicating C; current epoch 3. */
    private ClusterService cluster(String me) {
        List<ClusterNode> nodes = List.of(
                new ClusterNode(A, "127.0.0.1", 7000, 17000, "", NodeFlags.MASTER, null, 1, 0),
                new ClusterNode(B, "127.0.0.1", 7001, 17001, "", NodeFlags.MASTER, null, 2, 0),
                new ClusterNode(C, "127.0.0.1", 7002, 17002, "", NodeFlags.MASTER, null, 3, 0),
                new ClusterNode(R1, "127.0.0.1", 7003, 17003, "", NodeFlags.SLAVE, C, 3, 0));
        ClusterNode myself = nodes.stream().filter(n -> n.id().equals(me)).findFirst().orElseThrow();
        ClusterConfig.Editor e = ClusterConfig.fresh(myself.withFlag(NodeFlags.MYSELF, true)).edit();
        nodes.stream().filter(n -> n != myself).forEach(e::put);
        for (int s = 0; s <= 16383; s++) {
            e.setOwner(s, s <= 5460 ? A : s <= 10922 ? B : C);
        }
        LiveConfig live = new LiveConfig(ConfigParameters.standard(),
                Map.of(ConfigParameters.CLUSTER_NODE_TIMEOUT, "1000"));
        ClusterService service = new ClusterService(ClusterStateStore.inMemory(e.currentEpoch(3).build()), live,
                new Keyspace(clock), clock);
        service.replication(replication);
        service.updateState();
        return service;
    }

    private Failover failover(ClusterService cluster) {
        return new Failover(links, cluster, new ServerLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8)));
    }

    private static BusMessage fromNode(int type, String sender, long currentEpoch, long offset, String slaveOf,
                                       int mflags) {
        return new BusMessage(type, currentEpoch, 3, offset, sender, new byte[2048], slaveOf, "127.0.0.1", 7000, 0,
                17000, slaveOf == null ? NodeFlags.MASTER : NodeFlags.SLAVE, BusMessage.STATE_OK, mflags, List.of(),
                null, null, null);
    }

    @Test
    void mfStartPausesTheMastersWritesSendsItsOffsetAndTimesOut() {
        ClusterService c = cluster(C);
        Failover f = failover(c);
        f.onMfStart(c.config().node(R1));
        assertEquals(List.of(1_010_000L), replication.pauses, "writes held for twice the 5 s limit");
        assertEquals(List.of("ping->" + R1), links.sent, "a PING at once: its header carries PAUSED and the offset");
        assertEquals(BusMessage.MFLAG_PAUSED, f.headerFlags());
        assertEquals(ManualFailover.Phase.PAUSED_FOR_REPLICA, f.manual().phase());

        clock.set(1_005_001);
        f.cron();
        assertEquals(0L, replication.pauses.get(1), "the pause ends with the timeout");
        assertEquals(0, f.headerFlags());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("Manual failover timed out."));
    }

    @Test
    void mfStartFromAnotherMastersReplicaIsIgnored() {
        ClusterService c = cluster(A);
        failover(c).onMfStart(c.config().node(R1));
        assertTrue(links.sent.isEmpty());
        assertTrue(replication.pauses.isEmpty());
    }

    @Test
    void manualFailoverFromRequestToPromotion() {
        ClusterService c = cluster(R1);
        Failover f = failover(c);
        assertNull(f.manualFailover(false, false));
        assertEquals(List.of(BusMessage.MFSTART + "->" + C), links.sent);

        replication.offset = 500;
        f.onMasterHeader(fromNode(BusMessage.PING, C, 3, 700, null, BusMessage.MFLAG_PAUSED));
        assertEquals(ManualFailover.Phase.CATCHING_UP, f.manual().phase());
        f.cron();
        assertEquals(ManualFailover.Phase.CATCHING_UP, f.manual().phase(), "500 of 700: not yet");

        replication.offset = 700;
        clock.set(1_000_100);
        f.cron(); // caught up: scheduled with no delay (siblings told our offset) and requested in the same tick
        assertEquals(Election.Phase.REQUESTING_VOTES, f.election().phase());
        assertTrue(links.sent.contains("pong->siblings"));
        BusMessage request = links.messages.get(links.messages.size() - 1);
        assertEquals(BusMessage.FAILOVER_AUTH_REQUEST, request.type());
        assertEquals(BusMessage.MFLAG_FORCEACK, request.mflags0(), "voters need no failed master");
        assertEquals(4, c.config().currentEpoch());

        f.onAuthAck(c.config().node(A), fromNode(BusMessage.FAILOVER_AUTH_ACK, A, 4, 0, null, 0));
        assertTrue(c.config().myself().isReplica(), "one vote of three masters is no majority");
        f.onAuthAck(c.config().node(B), fromNode(BusMessage.FAILOVER_AUTH_ACK, B, 4, 0, null, 0));
        ClusterConfig after = c.config();
        assertTrue(after.myself().isMaster());
        assertEquals(4, after.myself().configEpoch());
        assertEquals(5461, after.slotCount(R1));
        assertEquals("pong->all", links.sent.get(links.sent.size() - 1), "the new master announces itself");
        assertEquals(ManualFailover.Phase.NONE, f.manual().phase());
    }

    @Test
    void aGrantedVoteIsStoredBeforeTheAckAndOnlyOncePerEpoch() {
        ClusterService c = cluster(A);
        c.store().update(cfg -> cfg.edit().put(cfg.node(C).withFlag(NodeFlags.FAIL, true)).currentEpoch(4).build());
        Failover f = failover(c);
        BusMessage request = new BusMessage(BusMessage.FAILOVER_AUTH_REQUEST, 4, 3, 0, R1,
                BusRules.slotBitmap(c.config(), C), C, "127.0.0.1", 7003, 0, 17003, NodeFlags.SLAVE,
                BusMessage.STATE_OK, 0, List.of(), null, null, null);
        f.onAuthRequest(c.config().node(R1), request);
        assertEquals(4, c.config().lastVoteEpoch());
        assertEquals(List.of(BusMessage.FAILOVER_AUTH_ACK + "->" + R1), links.sent);
        f.onAuthRequest(c.config().node(R1), request);
        assertEquals(1, links.sent.size(), "no second ACK in epoch 4");
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("already voted for epoch 4"));
    }
}
