package dev.trib.commands.ops;

import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one node resolver, on a literal CLUSTER NODES of three masters and three replicas. */
class NodeIdsTest {
    private static final String M1 = "caeca82dc4caf4e23fb257e044c5a4d963faf53b";
    private static final String M2 = "5433eaf9d29686c33041a54bc5d786254383e184";
    private static final String M3 = "8d2088df908ad8880946361193f4b8b78689147f";
    private static final String R1 = "28d5727e12689a579d4cf2b6460df3d82f84812e";
    private static final String R2 = "2aa2b0f03e222b4bee5b5dc4eab46449536bde8a";
    private static final String R3 = "24cbe8204021f6c875dce484e8201558010228be";
    private static final List<NodeReport> NODES = reports("""
            28d5727e12689a579d4cf2b6460df3d82f84812e 127.0.0.2:31005@41005 slave \
            caeca82dc4caf4e23fb257e044c5a4d963faf53b 0 1 1 connected
            2aa2b0f03e222b4bee5b5dc4eab46449536bde8a 127.0.0.3:31006@41006 slave \
            5433eaf9d29686c33041a54bc5d786254383e184 0 1 2 connected
            5433eaf9d29686c33041a54bc5d786254383e184 127.0.0.2:31002@41002 master - 0 1 2 connected 5461-10922
            24cbe8204021f6c875dce484e8201558010228be 127.0.0.1:31004@41004 slave \
            8d2088df908ad8880946361193f4b8b78689147f 0 1 3 connected
            8d2088df908ad8880946361193f4b8b78689147f 127.0.0.3:31003@41003 myself,master - 0 1 3 connected 10923-16383
            caeca82dc4caf4e23fb257e044c5a4d963faf53b 127.0.0.1:31001@41001 master - 0 1 1 connected 0-5460
            """);

    private static List<NodeReport> reports(String nodes) {
        ClusterView view = NodesParser.parse(nodes);
        return view.nodes().stream().map(n -> new NodeReport(n.hostAndPort(), n, Optional.empty(), Map.of(),
                OptionalLong.empty(), Optional.empty())).toList();
    }

    private static String refusal(Runnable r) {
        return assertThrows(OperationRefusedException.class, r::run).getMessage();
    }

    @Test
    void findsByFullIdUniquePrefixOfFourOrMoreIgnoringCaseAndAddress() {
        assertEquals(M2, NodeIds.node(NODES, M2).id());
        assertEquals(M2, NodeIds.node(NODES, "5433").id());
        assertEquals(M2, NodeIds.node(NODES, " 5433EAF9 ").id());
        assertEquals(R1, NodeIds.node(NODES, "28d5").id());
        assertEquals(M3, NodeIds.master(NODES, "127.0.0.3:31003", "x").id());
        assertEquals(M1, NodeIds.master(NODES, "localhost:31001", "x").id());
    }

    @Test
    void aLoopbackAddressFindsTheOneLoopbackNodeOnThatPort() {
        // Sandbox nodes announce 127.0.0.2 and up and answer on 127.0.0.1 too.
        assertEquals(M2, NodeIds.node(NODES, "127.0.0.1:31002").id());
        assertEquals("No node at 127.0.0.1:31999 in the cluster.",
                refusal(() -> NodeIds.node(NODES, "127.0.0.1:31999")));
    }

    @Test
    void aPrefixShorterThanFourIsRefusedEvenWhenUnique() {
        assertEquals("Node ID prefix 543 is too short: give at least 4 characters of the ID, the whole ID, or the "
                + "node's HOST:PORT.", refusal(() -> NodeIds.node(NODES, "543")));
        assertEquals("Node ID prefix c is too short: give at least 4 characters of the ID, the whole ID, or the "
                + "node's HOST:PORT.", refusal(() -> NodeIds.master(NODES, "c", "x")));
    }

    @Test
    void anAmbiguousPrefixNamesEveryNodeItMatchesWhateverTheirRole() {
        List<NodeReport> twins = reports("""
                abcd000000000000000000000000000000000001 127.0.0.1:1@11 master - 0 1 1 connected 0-8191
                abcd000000000000000000000000000000000002 127.0.0.1:2@12 slave \
                abcd000000000000000000000000000000000001 0 1 1 connected
                abce000000000000000000000000000000000003 127.0.0.1:3@13 master - 0 1 1 connected 8192-16383
                """);
        assertEquals("Node ID prefix abcd is ambiguous: it matches abcd000000000000000000000000000000000001, "
                + "abcd000000000000000000000000000000000002.", refusal(() -> NodeIds.master(twins, "abcd", "x")));
        assertEquals("abce000000000000000000000000000000000003", NodeIds.master(twins, "abce", "x").id());
    }

    @Test
    void aReplicaIsRefusedWhereAMasterIsWanted() {
        assertEquals("Node 127.0.0.3:31006 (" + R2 + ") is a replica, not a master: the receiving node must be a "
                + "master.", refusal(() -> NodeIds.master(NODES, "2aa2", "the receiving node must be a master")));
        assertEquals("Node 127.0.0.1:31004 (" + R3 + ") is a replica, not a master: x.",
                refusal(() -> NodeIds.master(NODES, "127.0.0.1:31004", "x")));
    }

    @Test
    void unknownEmptyAndMalformedAreRefused() {
        assertEquals("No master with ID ffff in the cluster.", refusal(() -> NodeIds.master(NODES, "ffff", "x")));
        assertEquals("No node with ID ffff in the cluster.", refusal(() -> NodeIds.node(NODES, "ffff")));
        assertEquals("Empty node ID.", refusal(() -> NodeIds.node(NODES, " ")));
        assertEquals("'abc:' is neither a node ID nor HOST:PORT.", refusal(() -> NodeIds.node(NODES, "abc:")));
    }

    @Test
    void whatCannotNameAnyNodeIsKnownWithoutTheCluster() {
        assertEquals(Optional.of("Empty node ID."), NodeIds.malformed(""));
        assertEquals(Optional.of("Empty node ID."), NodeIds.malformed(null));
        assertEquals(Optional.of("'5433xyz' is neither a node ID (hex digits) nor HOST:PORT."),
                NodeIds.malformed("5433xyz"));
        assertEquals(Optional.of("'all' is neither a node ID (hex digits) nor HOST:PORT."), NodeIds.malformed("all"));
        assertEquals(Optional.of("Node ID prefix 543 is too short: give at least 4 characters of the ID, the whole "
                + "ID, or the node's HOST:PORT."), NodeIds.malformed("543"));
        assertEquals(Optional.of("Node ID " + M1 + "0 is too long: an ID has 40 hex digits."),
                NodeIds.malformed(M1 + "0"));
        assertEquals(Optional.of("'host:99999' is neither a node ID nor HOST:PORT."), NodeIds.malformed("host:99999"));
        for (String fine : List.of(M1, "5433", " 5433EAF9 ", "127.0.0.1:7000", "localhost:7000", "[::1]:7000")) {
            assertEquals(Optional.empty(), NodeIds.malformed(fine), fine);
        }
        // The resolver refuses the same with the same line.
        assertEquals("'5433xyz' is neither a node ID (hex digits) nor HOST:PORT.",
                refusal(() -> NodeIds.node(NODES, "5433xyz")));
    }
}
