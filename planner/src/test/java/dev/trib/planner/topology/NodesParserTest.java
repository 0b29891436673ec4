package dev.trib.planner.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.trib.planner.topology.NodesFixtures.C357;
import static dev.trib.planner.topology.NodesFixtures.CAECA;
import static dev.trib.planner.topology.NodesFixtures.F688;
import static dev.trib.planner.topology.NodesFixtures.N24CB;
import static dev.trib.planner.topology.NodesFixtures.N28D5;
import static dev.trib.planner.topology.NodesFixtures.N2AA2;
import static dev.trib.planner.topology.NodesFixtures.N5433;
import static dev.trib.planner.topology.NodesFixtures.N68C2;
import static dev.trib.planner.topology.NodesFixtures.N8D20;
import static dev.trib.planner.topology.NodesFixtures.N9208;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodesParserTest {
    private static final String ID_A = "e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca";
    private static final String ID_B = "67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1";

    @Test
    void parsesEveryLineOfAFixtureInOrder() {
        ClusterView view = NodesFixtures.view("delslots-hostname");
        assertEquals(List.of(N28D5, N2AA2, N5433, N24CB, N8D20, CAECA),
                view.nodes().stream().map(ClusterNode::id).toList());
    }

    @Test
    void replicaLine() {
        ClusterNode n = node("delslots-hostname", N28D5);
        assertEquals(new NodeAddress("127.0.0.2", 31005, 41005, Optional.empty()), n.address());
        assertEquals(Set.of(NodeFlag.REPLICA), n.flags());
        assertEquals(Optional.of(CAECA), n.masterId());
        assertEquals(0, n.pingSent());
        assertEquals(1795334006029L, n.pongReceived());
        assertEquals(1, n.configEpoch());
        assertTrue(n.linkConnected());
        assertEquals(SlotSet.EMPTY, n.slots());
        assertEquals(Map.of(), n.migrating());
        assertEquals(Map.of(), n.importing());
        assertTrue(n.isReplica());
        assertFalse(n.isMaster());
        assertFalse(n.isFailing());
    }

    @Test
    void failedDisconnectedReplicaLine() {
        ClusterNode n = node("delslots-hostname", N2AA2);
        assertEquals(new NodeAddress("127.0.0.3", 31006, 41006, Optional.empty()), n.address());
        assertEquals(EnumSet.of(NodeFlag.REPLICA, NodeFlag.FAIL), n.flags());
        assertEquals(Optional.of(N5433), n.masterId());
        assertEquals(1795333999056L, n.pingSent());
        assertEquals(1795333998046L, n.pongReceived());
        assertEquals(2, n.configEpoch());
        assertFalse(n.linkConnected());
        assertTrue(n.isFailing());
        assertEquals(SlotSet.EMPTY, n.slots());
    }

    @Test
    void masterLineWithHostname() {
        ClusterNode n = node("delslots-hostname", N5433);
        assertEquals("127.0.0.2", n.address().ip());
        assertEquals(31002, n.address().port());
        assertEquals(41002, n.address().clusterPort());
        assertEquals(Optional.of("host2.example"), n.address().hostname());
        assertEquals("127.0.0.2:31002@41002,host2.example", n.address().toString());
        assertEquals(new HostAndPort("127.0.0.2", 31002), n.hostAndPort());
        assertEquals(Set.of(NodeFlag.MASTER), n.flags());
        assertEquals(Optional.empty(), n.masterId());
        assertEquals(2, n.configEpoch());
        assertEquals(SlotSet.range(5461, 10922), n.slots());
    }

    @Test
    void myselfMasterWithSeveralSlotRanges() {
        ClusterNode n = node("delslots-hostname", N8D20);
        assertEquals(EnumSet.of(NodeFlag.MYSELF, NodeFlag.MASTER), n.flags());
        assertTrue(n.isMyself());
        assertEquals(1795334006000L, n.pongReceived());
        assertEquals(3, n.configEpoch());
        assertEquals("10923-15999,16002-16004,16006-16383", n.slots().toString());
        assertEquals(16384 - 10923 - 3, n.slots().size());
        assertFalse(n.hasOpenSlots());
    }

    @Test
    void importingMarkerOnMyselfLine() {
        ClusterNode n = node("importing", N5433);
        assertEquals(EnumSet.of(NodeFlag.MYSELF, NodeFlag.MASTER), n.flags());
        assertEquals(SlotSet.range(5461, 10922), n.slots());
        assertEquals(Map.of(100, CAECA), n.importing());
        assertEquals(Map.of(), n.migrating());
        assertTrue(n.hasOpenSlots());
        assertEquals(Map.of(), node("importing", CAECA).importing(), "markers only appear on the myself line");
    }

    @Test
    void migratingMarkerOnMyselfLine() {
        ClusterNode n = node("open-slot-and-failed-replica", CAECA);
        assertEquals(EnumSet.of(NodeFlag.MYSELF, NodeFlag.MASTER), n.flags());
        assertEquals(1795334005000L, n.pongReceived());
        assertEquals(1, n.configEpoch());
        assertEquals(SlotSet.range(0, 5460), n.slots());
        assertEquals(Map.of(100, N5433), n.migrating());
        assertEquals(Map.of(), n.importing());
        assertEquals(Optional.of(N8D20), node("open-slot-and-failed-replica", N24CB).masterId());
    }

    @Test
    void freshNodeWithoutIpAndHandshakeNodes() {
        ClusterView view = NodesFixtures.view("ipv6-handshake");
        ClusterNode self = view.node(C357).orElseThrow();
        assertEquals(new NodeAddress("", 31010, 41010, Optional.empty()), self.address());
        assertFalse(self.address().hasIp());
        assertEquals("1-3,7", self.slots().toString());
        assertEquals(0, self.configEpoch());
        ClusterNode handshake = view.node(N9208).orElseThrow();
        assertEquals(Set.of(NodeFlag.HANDSHAKE), handshake.flags());
        assertEquals(new NodeAddress("::1", 31019, 41019, Optional.empty()), handshake.address());
        assertEquals(Optional.empty(), handshake.masterId());
        assertFalse(handshake.linkConnected());
        assertEquals(31011, view.node(F688).orElseThrow().address().port());
    }

    @Test
    void ipv6Addresses() {
        ClusterView view = NodesFixtures.view("ipv6-joined");
        ClusterNode self = view.node(C357).orElseThrow();
        assertEquals("::1", self.address().ip());
        assertEquals(31010, self.address().port());
        assertEquals(41010, self.address().clusterPort());
        assertEquals("[::1]:31010", self.address().display());
        assertEquals(new HostAndPort("::1", 31010), self.hostAndPort());
        ClusterNode other = view.node(N68C2).orElseThrow();
        assertEquals(Set.of(NodeFlag.MASTER), other.flags());
        assertEquals(1795334016755L, other.pongReceived());
        assertEquals(1, other.configEpoch());
        assertTrue(other.slots().isEmpty());
    }

    @Test
    void myselfReplicaLine() {
        ClusterNode n = line(ID_A + " 127.0.0.1:30004@31004 myself,slave " + ID_B + " 0 1700000000000 1 connected");
        assertEquals(EnumSet.of(NodeFlag.MYSELF, NodeFlag.REPLICA), n.flags());
        assertEquals(Optional.of(ID_B), n.masterId());
        assertTrue(n.isMyself());
        assertTrue(n.isReplica());
    }

    @Test
    void possiblyFailingMaster() {
        ClusterNode n = line(ID_A + " 127.0.0.1:30001@31001 master,fail? - 1700000000000 1699999999000 2 connected 0-5460");
        assertEquals(EnumSet.of(NodeFlag.MASTER, NodeFlag.PFAIL), n.flags());
        assertTrue(n.isFailing());
        assertEquals(1700000000000L, n.pingSent());
        assertEquals(1699999999000L, n.pongReceived());
    }

    @Test
    void noaddrNodeHasNoIp() {
        ClusterNode n = line(ID_A + " :0@0 master,fail,noaddr - 1700000000000 1700000000000 3 disconnected");
        assertEquals(EnumSet.of(NodeFlag.MASTER, NodeFlag.FAIL, NodeFlag.NOADDR), n.flags());
        assertEquals(new NodeAddress("", 0, 0, Optional.empty()), n.address());
        assertFalse(n.linkConnected());
    }

    @Test
    void nofailoverReplica() {
        ClusterNode n = line(ID_A + " 10.0.0.5:6379@16379 slave,nofailover " + ID_B + " 0 1700000000000 4 connected");
        assertEquals(EnumSet.of(NodeFlag.REPLICA, NodeFlag.NOFAILOVER), n.flags());
    }

    @Test
    void noflagsMeansNoFlags() {
        ClusterNode n = line(ID_A + " 10.0.0.5:6379@16379 noflags - 0 0 0 connected");
        assertEquals(Set.of(), n.flags());
        assertFalse(n.isMaster());
        assertFalse(n.isReplica());
    }

    @Test
    void addressWithoutBusPortIsPre40Output() {
        assertEquals(17000, line(ID_A + " 127.0.0.1:7000 master - 0 0 1 connected").address().clusterPort());
    }

    @Test
    void auxFieldsOfNewerNodesConfAreNotTheHostname() {
        assertEquals(Optional.empty(),
                line(ID_A + " 127.0.0.1:30001@31001,,tls-port=0,shard-id=ab master - 0 0 1 connected").address().hostname());
        assertEquals(Optional.of("host1"),
                line(ID_A + " 127.0.0.1:30001@31001,host1,shard-id=ab master - 0 0 1 connected").address().hostname());
    }

    @Test
    void skipsVarsLineAndBlankLinesAndAcceptsCrlf() {
        String conf = ID_A + " 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-16383\r\n\r\n"
                + "vars currentEpoch 1 lastVoteEpoch 0\r\n";
        ClusterView view = NodesParser.parse(conf);
        assertEquals(1, view.nodes().size());
        assertEquals(SlotSet.ALL, view.nodes().get(0).slots());
    }

    @Test
    void tooFewFieldsCarryTheLine() {
        String bad = ID_A + " 127.0.0.1:30001@31001 master - 0 0 1";
        NodesParseException e = assertThrows(NodesParseException.class, () -> NodesParser.parseLine(bad, 4));
        assertEquals(bad, e.line());
        assertEquals(4, e.lineNumber());
        assertTrue(e.getMessage().contains(bad), e.getMessage());
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {
            "master - 0 0 1 connected 16384",
            "master - 0 0 1 connected 10-5",
            "master - 0 0 1 connected abc",
            "master - 0 0 1 connected 0-16384",
            "master - 0 0 1 linked 0-5460",
            "master - 0 0 1 CONNECTED",
            "master - 0 0 1 connected [100-x-abc]",
            "master - 0 0 1 connected [100->-abc",
            "master - 0 0 1 connected [abc->-def]",
            "master - 0 0 1 connected [100->-]",
            "master - 0 0 1 connected [16384-<-abc]",
            "master - x 0 1 connected",
            "master - 0 0 epoch connected"})
    void malformedTailsRaiseParseErrorsCarryingTheLine(String tail) {
        String bad = ID_A + " 127.0.0.1:30001@31001 " + tail;
        NodesParseException e = assertThrows(NodesParseException.class, () -> NodesParser.parseLine(bad, 1));
        assertEquals(bad, e.line());
    }

    @ParameterizedTest(name = "rejects address \"{0}\"")
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:abc@31001", "127.0.0.1:30001@x", "127.0.0.1:70000@31001"})
    void malformedAddressesRaiseParseErrors(String address) {
        String bad = ID_A + " " + address + " master - 0 0 1 connected";
        NodesParseException e = assertThrows(NodesParseException.class, () -> NodesParser.parseLine(bad, 1));
        assertEquals(bad, e.line());
    }

    @Test
    void parseReportsTheNumberOfTheBadLine() {
        String text = ID_A + " 127.0.0.1:30001@31001 master - 0 0 1 connected\n" + ID_B + " 127.0.0.1:30002@31002 master\n";
        NodesParseException e = assertThrows(NodesParseException.class, () -> NodesParser.parse(text));
        assertEquals(2, e.lineNumber());
        assertEquals(ID_B + " 127.0.0.1:30002@31002 master", e.line());
    }

    private static ClusterNode node(String fixture, String id) {
        return NodesFixtures.view(fixture).node(id).orElseThrow();
    }

    private static ClusterNode line(String text) {
        return NodesParser.parseLine(text, 1);
    }
}
