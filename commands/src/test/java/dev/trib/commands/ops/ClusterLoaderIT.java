package dev.trib.commands.ops;

import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.SlotSet;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading a real cluster (made by redis-cli) into a snapshot: every node, its own view, its keys. */
class ClusterLoaderIT {

    @Test
    void loadsEveryNodeOfARealClusterAndReportsADeadOne() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.start(6, List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")).createWithRedisCli(1);
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            ClusterSnapshot s = new ClusterLoader(connector).load(c.node(0).address());
            assertEquals(6, s.nodes().size());
            assertEquals(c.node(0).address(), s.entryNode().address());
            assertEquals(3, s.masters().size());
            assertEquals(16384, s.masters().stream().mapToInt(m -> m.self().slots().size()).sum());
            for (NodeReport n : s.nodes()) {
                assertTrue(n.reachable(), n.toString());
                assertEquals("ok", n.clusterInfo().get("cluster_state"));
                assertEquals(0L, n.keys().getAsLong());
                assertEquals(c.nodes().stream().filter(r -> r.address().equals(n.address())).findFirst()
                        .orElseThrow().myId(), n.id());
            }

            c.node(5).kill();
            ClusterSnapshot after = new ClusterLoader(connector).load(c.node(0).address());
            NodeReport dead = after.nodes().stream().filter(n -> n.address().equals(c.node(5).address()))
                    .findFirst().orElseThrow();
            assertFalse(dead.reachable());
            assertEquals("connection refused", dead.failure().orElseThrow());
        }
    }

    @Test
    void aSnapshotOfReadsAlreadyTakenIsOrderedAsALoadAndNeedsEveryNode() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.start(6, List.of("127.0.0.1", "127.0.0.2")).createWithRedisCli(1);
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            Map<HostAndPort, NodeClient.State> reads = new HashMap<>();
            c.nodes().forEach(r -> reads.put(r.address(), connector.connect(r.address()).state()));
            ClusterSnapshot loaded = new ClusterLoader(connector).load(c.node(0).address());
            ClusterSnapshot built = ClusterLoader.snapshotOf(c.node(0).address(), reads).orElseThrow();
            assertEquals(loaded.nodes().stream().map(NodeReport::address).toList(),
                    built.nodes().stream().map(NodeReport::address).toList());
            assertEquals(loaded.nodes().stream().map(NodeReport::id).toList(),
                    built.nodes().stream().map(NodeReport::id).toList());
            assertEquals(3, built.masters().size());
            assertEquals(SlotSet.ALL, built.masters().stream().map(m -> m.self().slots())
                    .reduce(SlotSet.EMPTY, SlotSet::union));

            reads.remove(c.node(3).address()); // a node the entry knows but nobody read
            assertEquals(Optional.empty(), ClusterLoader.snapshotOf(c.node(0).address(), reads));
        }
    }

    @Test
    void anUnreachableEntryIsAnAccessFailureNamingTheNode() {
        RedisFixture.assumeAvailable();
        try (NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            HostAndPort nowhere = new HostAndPort("127.0.0.1", 1);
            NodeAccessException e = assertThrows(NodeAccessException.class,
                    () -> new ClusterLoader(connector).load(nowhere));
            assertEquals("Could not connect to 127.0.0.1:1: connection refused", e.getMessage());
        }
    }
}
