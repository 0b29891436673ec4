package dev.trib.commands.ops;

import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.NodeFlag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The hub join (used from {@link GossipJoin#ONE_HUB_FROM} nodes) on a few real nodes: gossip completes the mesh. */
class GossipJoinIT {

    @Test
    void nodesThatMeetOnlyTheHubComeToKnowEveryOther() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.start(8, List.of("127.0.0.1", "127.0.0.2"));
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            List<GossipJoin.Member> members = c.nodes().stream().map(r -> {
                NodeClient client = connector.connect(r.address());
                ClusterNode self = client.clusterView().myself().orElseThrow();
                return new GossipJoin.Member(client, self.id(), r.ip(), r.port(), self.address().clusterPort());
            }).toList();
            GossipJoin.meet(members, 2); // every size from 2 up joins through the hub
            GossipJoin.awaitMembership(members, Duration.ofSeconds(90), m -> { });
            for (GossipJoin.Member m : members) {
                assertEquals("8", m.client().clusterInfo().get("cluster_known_nodes"), m.toString());
                for (ClusterNode n : m.client().clusterView().nodes()) {
                    assertFalse(n.is(NodeFlag.HANDSHAKE), n.toString());
                }
            }
        }
    }
}
