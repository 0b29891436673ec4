package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.consistency.ConsistencyTest;
import dev.trib.commands.fixture.ConsistencyLoad;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.RedisVersion;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/upgrade.md, run: a six-node Redis 6.2 cluster holding keys is upgraded node by node to 7.0 with
 * {@code trib replace}, replicas first, then masters (data flows only from 6.2 to 7.0), while the consistency
 * checker INCRs counters through it. After every step redis-cli's own check is clean and every key reads back;
 * at the end no acknowledged write was lost and none appeared.
 */
class RollingUpgradeIT {

    @Test
    void sixNodes62AreReplacedOneByOneBy70UnderLoad() throws Exception {
        RedisFixture.assumeAvailable();
        List<RedisNode> fresh = new ArrayList<>();
        try (TestCluster old = TestCluster.sixNodesByRedisCli(RedisVersion.V6_2)) {
            TestData data = TestData.load(old, 2000, 0);
            List<RedisNode> live = new ArrayList<>(old.nodes());
            List<RedisNode> replicas = live.stream().filter(n -> n.myself().isReplica()).toList();
            List<RedisNode> masters = live.stream().filter(n -> n.myself().isMaster()).toList();
            assertEquals(3, replicas.size());
            try (ConsistencyLoad load = new ConsistencyLoad(old.nodes(), 300, "upgrade:")) {
                load.awaitWrites(200);
                List<RedisNode> order = new ArrayList<>(replicas);
                order.addAll(masters);
                for (RedisNode outgoing : order) {
                    boolean wasMaster = outgoing.myself().isMaster();
                    RedisNode incoming = RedisFixture.start(RedisVersion.V7_0, outgoing.ip(), true);
                    fresh.add(incoming);
                    TribRunner.Result r = trib("replace", outgoing.hostPort(), incoming.hostPort(), "--yes");
                    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
                    assertEquals(wasMaster, incoming.myself().isMaster(), r.toString());
                    assertEquals("1", outgoing.clusterInfo("cluster_known_nodes"), "OLD was reset");
                    // The operator's last step: the old server goes away.
                    outgoing.close();
                    live.remove(outgoing);
                    live.add(incoming);
                    RedisNode entry = live.get(0);
                    Poll.until(Duration.ofSeconds(30), "redis-cli --cluster check to pass after replacing "
                            + outgoing, () -> RedisFixture.redisCli("--cluster", "check", entry.hostPort())
                            .exitCode() == 0);
                    for (RedisNode n : live) {
                        assertEquals("6", n.clusterInfo("cluster_known_nodes"), n + " after replacing " + outgoing);
                    }
                    assertEquals(List.of(), data.verify(entry), "after replacing " + outgoing);
                    load.awaitWrites(100);
                }
                ConsistencyTest.Stats stats = load.stop();
                assertEquals(0, stats.lost(), load.anomalies().toString());
                assertEquals(0, stats.unexpected(), load.anomalies().toString());
                assertTrue(stats.writes() > 0);
            }
            for (RedisNode n : live) {
                assertTrue(n.callString("INFO", "server").contains("redis_version:7.0."), n.toString());
            }
        } finally {
            fresh.forEach(RedisNode::close);
        }
    }
}
