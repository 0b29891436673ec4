package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command that takes a node ID refuses a prefix two nodes share, in one line, changing nothing. The two
 * masters are given IDs with a common prefix through nodes.conf, so the case does not depend on luck.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmbiguousNodeIdIT {
    private static final String PREFIX = "abcd";
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");
    private TestCluster cluster;
    private RedisNode spare;

    private static String id(int n) {
        return PREFIX + n + "0".repeat(34) + n;
    }

    @BeforeAll
    void createCluster() {
        RedisFixture.assumeAvailable();
        RedisFixture.assumeRedisCli();
        List<RedisNode> nodes = new ArrayList<>();
        // redis-cli makes the first node of each host a master: nodes 0 and 1 become masters named abc0…, abc1….
        nodes.add(RedisFixture.startWithNodeId(HOSTS.get(0), id(0)));
        nodes.add(RedisFixture.startWithNodeId(HOSTS.get(1), id(1)));
        for (int i = 2; i < 6; i++) {
            nodes.add(RedisFixture.start(HOSTS.get(i % 3), true));
        }
        cluster = new TestCluster(nodes).createWithRedisCli(1);
        spare = RedisFixture.start(HOSTS.get(0), true);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (spare != null) {
            spare.close();
        }
    }

    Stream<List<String>> commands() {
        return commandsNaming(PREFIX);
    }

    /** Every command that takes a node ID, naming one with ref. */
    private Stream<List<String>> commandsNaming(String ref) {
        String e = cluster.node(0).hostPort();
        String third = cluster.node(2).myId();
        return Stream.of(
                List.of("reshard", e, "--from", ref, "--to", third, "--slots", "10", "--yes"),
                List.of("reshard", e, "--from", "all", "--to", ref, "--slots", "10", "--yes"),
                List.of("rebalance", e, "--weight", ref + "=2"),
                List.of("add-node", spare.hostPort(), e, "--replica", "--master-id", ref),
                List.of("del-node", e, ref),
                List.of("failover", e, ref, "--yes"));
    }

    /** The first 3 characters of a node's ID: unique in this cluster, and still refused. */
    Stream<List<String>> commandsWithShortPrefix() {
        return commandsNaming(cluster.node(2).myId().substring(0, 3));
    }

    @ParameterizedTest
    @MethodSource("commandsWithShortPrefix")
    void aPrefixShorterThanFourIsAUsageErrorAndNothingChanges(List<String> args) {
        Map<String, String> before = cluster.state();
        TribRunner.Result r = trib(args.toArray(String[]::new));
        // Known to be wrong without the cluster: refused before any connection.
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        String shortPrefix = cluster.node(2).myId().substring(0, 3);
        List<String> err = r.err().lines().toList();
        assertEquals(2, err.size(), r.toString());
        assertTrue(err.get(0).startsWith("[ERR] ") && err.get(0).endsWith("Node ID prefix " + shortPrefix
                + " is too short: give at least 4 characters of the ID, the whole ID, or the node's HOST:PORT."),
                r.toString());
        assertEquals(before, cluster.state());
        assertEquals("1", spare.clusterInfo("cluster_known_nodes"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void anAmbiguousPrefixIsRefusedAndNothingChanges(List<String> args) {
        assertTrue(cluster.node(0).myId().startsWith(PREFIX) && cluster.node(1).myId().startsWith(PREFIX),
                "the IDs came from nodes.conf");
        Map<String, String> before = cluster.state();
        TribRunner.Result r = trib(args.toArray(String[]::new));
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        String err = r.err().trim();
        assertTrue(err.startsWith("[ERR] Node ID prefix " + PREFIX + " is ambiguous: it matches "), r.toString());
        assertTrue(err.contains(cluster.node(0).myId()) && err.contains(cluster.node(1).myId()), r.toString());
        assertEquals(1, err.lines().count(), r.toString());
        assertEquals(before, cluster.state());
        assertEquals("1", spare.clusterInfo("cluster_known_nodes"));
    }
}
