package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.RedisVersion;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster of Redis 6.2 and 7.0 masters, as in the middle of a rolling upgrade. Keys and replication flow only
 * from the older server to the newer one (a 6.2 node cannot load 7.0's RDB format): trib does what can be done and
 * refuses the rest up front, in one line naming both versions, changing nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MixedVersionIT {
    private static final RedisVersion V62 = RedisVersion.V6_2;
    private static final RedisVersion V70 = RedisVersion.V7_0;
    private TestCluster cluster;
    private final List<RedisNode> spares = new ArrayList<>();
    private TestData data;

    @BeforeAll
    void createMixedWithTrib() {
        RedisFixture.assumeAvailable();
        RedisFixture.assumeRedisCli();
        cluster = TestCluster.start(List.of(V62, V70, V62), TestCluster.THREE_HOSTS);
        List<String> args = new ArrayList<>(List.of("create", "--replicas", "0", "--yes"));
        args.addAll(List.of(cluster.hostPorts()));
        TribRunner.Result r = trib(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        cluster.awaitHealthy();
        data = TestData.load(cluster, 1000, 0);
    }

    @AfterAll
    void stop() {
        spares.forEach(RedisNode::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private RedisNode old62() {
        return cluster.node(0);
    }

    private RedisNode new70() {
        return cluster.node(1);
    }

    private void assertIntactAndHealthy() {
        assertEquals(List.of(), data.verify(old62()));
        TribRunner.Result check = trib("check", old62().hostPort());
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
        assertEquals(0, RedisFixture.redisCli("--cluster", "check", new70().hostPort()).exitCode());
    }

    @Test
    void keysMoveFrom62To70ButNotBack() {
        String from62 = old62().myId();
        String to70 = new70().myId();
        TribRunner.Result up = trib("reshard", new70().hostPort(), "--from", from62, "--to", to70, "--slots", "200",
                "--yes");
        assertEquals(ExitCodes.OK, up.exitCode(), up.toString());
        assertIntactAndHealthy();

        var before = cluster.state();
        TribRunner.Result down = trib("reshard", new70().hostPort(), "--from", to70, "--to", from62, "--slots",
                "100", "--yes");
        assertTrue(down.exitCode() != ExitCodes.OK, down.toString());
        assertTrue(down.err().contains(old62().hostPort() + " (Redis 6.2.") && down.err().contains(
                "cannot load data from " + new70().hostPort() + " (Redis 7.0."), down.toString());
        assertTrue(down.err().contains("upgrade " + old62().hostPort() + " first"), down.toString());
        assertEquals(before, cluster.state(), "nothing moved");
        assertIntactAndHealthy();
    }

    @Test
    void aReplicaMustBeAtLeastAsNewAsItsMaster() {
        RedisNode replica62 = RedisFixture.start(V62, "127.0.0.2", true);
        spares.add(replica62);
        TribRunner.Result refused = trib("add-node", replica62.hostPort(), new70().hostPort(), "--master-id",
                new70().myId());
        assertEquals(ExitCodes.PROBLEMS, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("Cannot add " + replica62.hostPort() + " as a replica of "
                + new70().hostPort()), refused.toString());
        assertEquals("1", replica62.clusterInfo("cluster_known_nodes"), "the refused node was not touched");

        RedisNode replica70 = RedisFixture.start(V70, "127.0.0.3", true);
        spares.add(replica70);
        TribRunner.Result added = trib("add-node", replica70.hostPort(), old62().hostPort(), "--master-id",
                old62().myId());
        assertEquals(ExitCodes.OK, added.exitCode(), added.toString());
        Poll.until(Duration.ofSeconds(30), "the 7.0 replica to sync from its 6.2 master", () ->
                replica70.callString("INFO", "replication").contains("master_link_status:up"));
        assertEquals(old62().myId(), replica70.myself().masterId().orElseThrow());
        assertEquals(old62().call("DBSIZE"), replica70.call("DBSIZE"));
        TribRunner.Result removed = trib("del-node", old62().hostPort(), replica70.myId());
        assertEquals(ExitCodes.OK, removed.exitCode(), removed.toString());
    }
}
