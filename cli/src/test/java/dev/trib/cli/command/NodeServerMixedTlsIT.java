package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.commands.fixture.TlsMaterial;
import dev.trib.planner.topology.ClusterNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three redis-servers and three node-servers, all with tls-cluster yes: they join over TLS bus links in both
 * directions, redis-cli --tls --cluster check passes from either kind of node, and keys move both ways over TLS.
 */
class NodeServerMixedTlsIT {
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    private static TribRunner.Result trib(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(TlsMaterial.get().clientArgs());
        return new TribRunner().run(all.toArray(String[]::new));
    }

    @Test
    void redisAndNodeServersJoinOverTlsAndMoveKeysBothWays() {
        RedisFixture.assumeAvailable();
        RedisFixture.assumeRedisCli();
        List<RedisNode> nodes = new ArrayList<>(RedisFixture.startTlsCluster(3, HOSTS));
        try {
            nodes.addAll(RedisFixture.startEach(3, HOSTS, ip -> RedisFixture.startNodeServerTls(ip)));
        } catch (RuntimeException e) {
            nodes.forEach(RedisNode::close);
            throw e;
        }
        try (TestCluster cluster = new TestCluster(nodes)) {
            List<String> create = new ArrayList<>(List.of("create", "--replicas", "0", "--yes"));
            create.addAll(List.of(cluster.hostPorts()));
            TribRunner.Result created = trib(create.toArray(String[]::new));
            assertEquals(ExitCodes.OK, created.exitCode(), created.toString());
            cluster.awaitHealthy();
            for (RedisNode entry : List.of(cluster.node(0), cluster.node(3))) {
                RedisFixture.ProcessResult check = cluster.redisCli("--cluster", "check", entry.hostPort());
                assertEquals(0, check.exitCode(), "check from " + entry + ":\n" + check.output());
            }
            TestData data = TestData.load(cluster, 2_000, 0);
            String redisMaster = cluster.node(0).myself().id();
            String nodeMaster = cluster.node(3).myself().id();
            TribRunner.Result toNode = trib("reshard", cluster.node(0).hostPort(), "--from", redisMaster, "--to",
                    nodeMaster, "--slots", "300", "--yes", "-q");
            assertEquals(ExitCodes.OK, toNode.exitCode(), toNode.toString());
            TribRunner.Result toRedis = trib("reshard", cluster.node(3).hostPort(), "--from", nodeMaster, "--to",
                    redisMaster, "--slots", "500", "--yes", "-q");
            assertEquals(ExitCodes.OK, toRedis.exitCode(), toRedis.toString());
            cluster.awaitHealthy();
            List<String> problems = data.verify(cluster.node(0));
            assertTrue(problems.isEmpty(), problems.subList(0, Math.min(5, problems.size())).toString());
        }
    }
}
