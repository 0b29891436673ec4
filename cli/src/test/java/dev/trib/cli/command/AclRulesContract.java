package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
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
 * The smallest ACL rule sets docs/security.md gives for read-only and for changing commands, on real nodes; each
 * subclass starts the nodes (redis-server, node-server) and the same assertions hold for both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AclRulesContract {
    /** As docs/security.md gives them (redis-server joins the words after --user into one rule line). */
    static final List<String> MONITOR = List.of("monitor", "on", ">monitor-pw", "+ping", "+info", "+dbsize",
            "+cluster|nodes", "+cluster|info");
    static final List<String> OPERATOR = List.of("operator", "on", ">operator-pw", "~*", "+ping", "+info", "+dbsize",
            "+cluster", "+migrate", "+select", "+restore", "+restore-asking", "+asking", "+exists", "+multi", "+exec",
            "+memory|usage", "+config|set",
            "+config|rewrite");
    private TestCluster cluster;
    private TestData data;

    static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    /** Six nodes with these extra start arguments (the two users), created with one replica per master. */
    abstract TestCluster startCluster(String[] userArgs);

    @BeforeAll
    void createCluster() {
        RedisFixture.assumeRedisCli();
        List<String> args = new ArrayList<>(List.of("--user"));
        args.addAll(MONITOR);
        args.add("--user");
        args.addAll(OPERATOR);
        cluster = startCluster(args.toArray(String[]::new));
        data = TestData.load(cluster, 3_000, 0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private TribRunner.Result as(String user, String... args) {
        return new TribRunner().env("REDISCLI_AUTH", user + "-pw").run(concat(args, "--user", user));
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    private String e() {
        return cluster.node(0).hostPort();
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
        String to = cluster.node(0).myself().id();
        TribRunner.Result r = as("monitor", "reshard", e(), "--from", "all", "--to", to, "--slots", "10", "--yes");
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertTrue(r.err().contains("NOPERM this user has no permissions to run the '"), r.toString());
        assertEquals(before, cluster.state());
        assertEquals(0, RedisFixture.redisCli("--cluster", "check", e()).exitCode());
    }

    @Test
    @Order(3)
    void theOperatorRulesAreEnoughToReshardRebalanceFixFailoverAndSetTimeout() {
        String to = cluster.node(0).myself().id();
        TribRunner.Result reshard = as("operator", "reshard", e(), "--from", "all", "--to", to, "--slots", "500",
                "--yes");
        assertEquals(ExitCodes.OK, reshard.exitCode(), reshard.toString());
        TribRunner.Result rebalance = as("operator", "rebalance", e(), "--by", "memory");
        assertEquals(ExitCodes.OK, rebalance.exitCode(), rebalance.toString());
        ClusterNode a = cluster.node(0).myself();
        int slot = a.slots().ranges().get(0).start();
        assertEquals("OK", cluster.node(0).call("CLUSTER", "SETSLOT", slot, "MIGRATING",
                cluster.node(1).myself().id()));
        TribRunner.Result fix = as("operator", "fix", e(), "--yes");
        assertEquals(ExitCodes.OK, fix.exitCode(), fix.toString());
        RedisNode replica = cluster.nodes().stream().filter(n -> n.myself().isReplica()).findFirst().orElseThrow();
        TribRunner.Result failover = as("operator", "failover", replica.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, failover.exitCode(), failover.toString());
        // The fixture's nodes may run without a config file, so CONFIG REWRITE can fail for that reason, but not for
        // lack of permission: the value was applied on every node.
        TribRunner.Result timeout = as("operator", "set-timeout", e(), "4000");
        assertTrue(!timeout.out().contains("NOPERM") && timeout.out().contains(" 4000 ms set: applied on "
                + cluster.nodes().size() + " nodes"), timeout.toString());
        assertEquals("4000", ((List<?>) cluster.node(0).call("CONFIG", "GET", "cluster-node-timeout")).get(1));
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(0, RedisFixture.redisCli("--cluster", "check", e()).exitCode());
    }
}
