package dev.trib.commands.ops;

import dev.trib.commands.exec.Waits.WaitTimeoutException;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeClient;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.node.ServerVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agreement wait of the slot-moving operations, on real nodes. */
class ClusterWaitsIT {

    @Test
    void aSlotThatNoMasterClaimsIsNamedWhenTheWaitGivesUp() {
        RedisFixture.assumeAvailable();
        try (TestCluster c = TestCluster.start(3, TestCluster.THREE_HOSTS).createWithRedisCli(0);
             NodeConnector connector = new NodeConnector(ConnectionSettings.plain())) {
            List<NodeClient> nodes = c.nodes().stream().map(n -> connector.connect(n.address())).toList();
            ClusterWaits.awaitAgreement(nodes, Duration.ofSeconds(20));

            // The owner gives slot 100 up and nobody takes it, as after a move whose target lost the slot again.
            RedisNode owner = c.nodes().stream().filter(n -> n.myself().slots().contains(100)).findFirst()
                    .orElseThrow();
            owner.callString("CLUSTER", "DELSLOTS", "100");
            if (ServerVersion.parse(owner.info("server", "redis_version")).atLeast(ServerVersion.parse("7.2.0"))) {
                // 7.2 nodes record that an owner stopped claiming a slot (redis/redis#12344): they agree on it.
                ClusterWaits.awaitAgreement(nodes, Duration.ofSeconds(20));
                for (NodeClient n : nodes) {
                    assertTrue(n.clusterView().nodes().stream().noneMatch(e -> e.slots().contains(100)), n.toString());
                }
                return;
            }
            // 7.0 nodes keep showing it as the owner's until another node claims it: they never agree.
            WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                    () -> ClusterWaits.awaitAgreement(nodes, Duration.ZERO));
            assertTrue(e.getMessage().endsWith(" does not agree with the others about slot owners yet, and no master "
                    + "claims slot(s) 100: a master gave them up and none took them ('trib fix' assigns them)"),
                    e.getMessage());
        }
    }
}
