package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AclRulesIT's assertions against bundled node-servers: docs/security.md's read-only rules are enough for check and
 * info and refuse a reshard with the node's NOPERM line; its changing rules reshard, rebalance, fix and set the
 * timeout (failover is left out: node-server does not fail over yet).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeServerAclRulesIT {
    private TestCluster cluster;
    private TestData data;

    @BeforeAll
    void createCluster() {
        RedisFixture.assumeRedisCli();
        List<String> args = new ArrayList<>(List.of("--user"));
        args.addAll(AclRulesIT.MONITOR);
        args.add("--user");
        args.addAll(AclRulesIT.OPERATOR);
        String[] extra = args.toArray(String[]::new);
        cluster = new TestCluster(RedisFixture.startEach(3, List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"),
                ip -> RedisFixture.startNodeServer(ip, extra)));
        List<String> create = new ArrayList<>(List.of("create", "--replicas", "0", "--yes"));
        create.addAll(List.of(cluster.hostPorts()));
        TribRunner.Result r = TribRunner.trib(create.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        cluster.awaitHealthy();
        data = TestData.load(cluster, 2_000, 0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private TribRunner.Result as(String user, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--user", user));
        return new TribRunner().env("REDISCLI_AUTH", user + "-pw").run(all.toArray(String[]::new));
    }

    private String e() {
        return cluster.node(0).hostPort();
    }

    private static ClusterNode self(RedisNode n) {
        return NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow();
    }

    @Test
    @Order(1)
    void theMonitorRulesAreEnoughToCheckAndInfo() {
        TribRunner.Result check = as("monitor", "check", e(), "--json");
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
        TribRunner.Result info = as("monitor", "info", e());
        assertEquals(ExitCodes.OK, info.exitCode(), info.toString());
    }

    @Test
    @Order(2)
    void theMonitorCannotChangeAnythingAndIsToldWhy() {
        Map<String, String> before = cluster.state();
        TribRunner.Result r = as("monitor", "reshard", e(), "--from", "all", "--to", self(cluster.node(0)).id(),
                "--slots", "10", "--yes");
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertTrue(r.err().contains("NOPERM this user has no permissions to run the '"), r.toString());
        assertEquals(before, cluster.state());
    }

    @Test
    @Order(3)
    void theOperatorRulesAreEnoughToReshardRebalanceFixAndSetTimeout() {
        String to = self(cluster.node(0)).id();
        TribRunner.Result reshard = as("operator", "reshard", e(), "--from", "all", "--to", to, "--slots", "500",
                "--yes");
        assertEquals(ExitCodes.OK, reshard.exitCode(), reshard.toString());
        TribRunner.Result rebalance = as("operator", "rebalance", e(), "--by", "memory");
        assertEquals(ExitCodes.OK, rebalance.exitCode(), rebalance.toString());
        int slot = self(cluster.node(0)).slots().ranges().get(0).start();
        assertEquals("OK", cluster.node(0).call("CLUSTER", "SETSLOT", slot, "MIGRATING",
                self(cluster.node(1)).id()));
        TribRunner.Result fix = as("operator", "fix", e(), "--yes");
        assertEquals(ExitCodes.OK, fix.exitCode(), fix.toString());
        TribRunner.Result timeout = as("operator", "set-timeout", e(), "4000");
        assertTrue(!timeout.out().contains("NOPERM") && timeout.out().contains(" set to 4000 ms"), timeout.toString());
        assertEquals("4000", ((List<?>) cluster.node(0).call("CONFIG", "GET", "cluster-node-timeout")).get(1));
        cluster.awaitHealthy();
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.toString());
    }
}
