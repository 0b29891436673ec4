package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trib call} on a 3-master, 3-replica cluster: every node, masters only, replicas only, errors, a dead node. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestCluster cluster;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private RedisNode entry() {
        return cluster.node(0);
    }

    private Set<String> addresses(boolean masters) {
        ClusterView v = NodesParser.parse(entry().callString("CLUSTER", "NODES"));
        return v.nodes().stream().filter(n -> masters == !n.slots().isEmpty()).map(n -> n.address().display())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> nodesAnswering(TribRunner.Result r) {
        return r.outLines().stream().filter(l -> !l.startsWith(" ") && !l.startsWith(">>>"))
                .map(l -> l.substring(0, l.indexOf(": ") > 0 ? l.indexOf(": ") : l.length() - 1))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    @Order(1)
    void runsOnEveryNodeAndPrintsArraysOneElementPerLine() {
        TribRunner.Result r = trib("call", entry().hostPort(), "CONFIG", "GET", "cluster-node-timeout");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        List<String> lines = r.outLines();
        assertEquals(">>> Calling CONFIG GET cluster-node-timeout", lines.get(0));
        assertEquals(List.of(entry().hostPort() + ":", "  cluster-node-timeout", "  3000"), lines.subList(1, 4));
        Set<String> all = new TreeSet<>(addresses(true));
        all.addAll(addresses(false));
        assertEquals(6, all.size());
        assertEquals(all, nodesAnswering(r));
        assertEquals(6, lines.stream().filter(l -> l.equals("  3000")).count(), r.toString());
    }

    @Test
    @Order(2)
    void onlyMastersOrOnlyReplicas() {
        TribRunner.Result masters = trib("call", entry().hostPort(), "--only-masters", "ROLE");
        assertEquals(ExitCodes.OK, masters.exitCode(), masters.toString());
        assertEquals(addresses(true), nodesAnswering(masters));
        assertEquals(3, masters.outLines().stream().filter(l -> l.equals("  master")).count(), masters.toString());

        TribRunner.Result replicas = trib("call", "--cluster-only-replicas", entry().hostPort(), "ROLE");
        assertEquals(ExitCodes.OK, replicas.exitCode(), replicas.toString());
        assertEquals(addresses(false), nodesAnswering(replicas));
        assertEquals(3, replicas.outLines().stream().filter(l -> l.equals("  slave")).count(), replicas.toString());

        TribRunner.Result both = trib("call", entry().hostPort(), "--only-masters", "--only-replicas", "PING");
        assertEquals(ExitCodes.USAGE, both.exitCode(), both.toString());
        assertTrue(both.err().contains("--only-masters and --only-replicas exclude each other"), both.toString());
    }

    @Test
    @Order(3)
    void integersAndTextOnOneLine() throws Exception {
        TribRunner.Result r = trib("call", entry().hostPort(), "--cluster-only-masters", "DBSIZE", "-q");
        // -q after the command is the command's: DBSIZE takes no argument.
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains(entry().hostPort()
                + ": (error) ERR wrong number of arguments for 'dbsize' command"), r.toString());

        TribRunner.Result q = trib("call", "-q", entry().hostPort(), "--only-masters", "DBSIZE");
        assertEquals(ExitCodes.OK, q.exitCode(), q.toString());
        List<String> expected = new ArrayList<>();
        for (String a : addresses(true)) {
            expected.add(a + ": 0");
        }
        assertEquals(expected.stream().sorted().toList(), q.outLines().stream().sorted().toList());

        TribRunner.Result echo = trib("call", entry().hostPort(), "--only-replicas", "ECHO", "--json");
        assertEquals(ExitCodes.OK, echo.exitCode(), echo.toString());
        assertEquals(3, echo.outLines().stream().filter(l -> l.endsWith(": --json")).count(), echo.toString());

        TribRunner.Result json = trib("call", "--json", entry().hostPort(), "GET", "nokey");
        JsonNode doc = JSON.readTree(json.out());
        assertEquals("GET", doc.get("command").get(0).asText());
        assertEquals(6, doc.get("nodes").size());
        for (JsonNode n : doc.get("nodes")) {
            // nil where the node serves the slot, MOVED elsewhere.
            assertTrue(n.get("reply").isNull(), n.toString());
            assertTrue(n.get("error").isNull() || n.get("error").asText().startsWith("MOVED "), n.toString());
        }
    }

    @Test
    @Order(4)
    void anErrorReplyOnAnyNodeExitsOne() {
        TribRunner.Result r = trib("call", entry().hostPort(), "NOSUCHCOMMAND", "x");
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        long errors = r.outLines().stream().filter(l -> l.matches(".*:\\d+: \\(error\\) ERR unknown command "
                + "'NOSUCHCOMMAND'.*")).count();
        assertEquals(6, errors, r.toString());

        // GET of one key: the owner answers (nil), the others MOVED: one error is enough for exit 1.
        TribRunner.Result get = trib("call", entry().hostPort(), "--only-masters", "GET", "somekey");
        assertEquals(ExitCodes.PROBLEMS, get.exitCode(), get.toString());
        assertEquals(1, get.outLines().stream().filter(l -> l.endsWith(": (nil)")).count(), get.toString());
        assertEquals(2, get.outLines().stream().filter(l -> l.contains(": (error) MOVED ")).count(), get.toString());
    }

    @Test
    @Order(10)
    void anUnreachableNodeIsAnErrorUntilTheClusterFlagsItFailThenAWarning() throws Exception {
        // Roles as each node describes itself: another node may list a fresh replica as a master for a while.
        RedisNode victim = cluster.nodes().stream()
                .filter(n -> NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow().isReplica())
                .findFirst().orElseThrow();
        String id = victim.myId();
        // An unreachable node's role is the entry node's word for it: let that be "slave" before the kill.
        Poll.until(Duration.ofSeconds(10), "the entry node to see " + victim + " as a replica", () ->
                NodesParser.parse(entry().callString("CLUSTER", "NODES")).node(id).orElseThrow().isReplica());
        victim.kill();
        TribRunner.Result r = trib("call", entry().hostPort(), "PING");
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains(victim.hostPort() + ": (unreachable) connection refused"), r.toString());
        assertEquals(5, r.outLines().stream().filter(l -> l.endsWith(": PONG")).count(), r.toString());

        TribRunner.Result masters = trib("call", entry().hostPort(), "--only-masters", "PING");
        assertEquals(ExitCodes.OK, masters.exitCode(), masters.toString());

        // Once the cluster itself declares it dead, it is a warning naming the command that removes it.
        Poll.until(Duration.ofSeconds(60), victim + " to be flagged fail", () -> entry().callString("CLUSTER",
                "NODES").lines().anyMatch(l -> l.startsWith(id) && l.contains(",fail ")));
        TribRunner.Result dead = trib("call", entry().hostPort(), "PING");
        assertEquals(ExitCodes.OK, dead.exitCode(), dead.toString());
        assertEquals("[WARNING] Node " + victim.hostPort() + " (" + id.substring(0, 8) + ") is unreachable "
                + "(connection refused) and flagged fail by the cluster: skipped. If it is gone for good, remove it "
                + "with 'trib del-node " + entry().hostPort() + " " + id + "'.", dead.outLines().get(1), dead.toString());
        assertEquals(5, dead.outLines().stream().filter(l -> l.endsWith(": PONG")).count(), dead.toString());
        assertTrue(dead.outLines().stream().noneMatch(l -> l.startsWith(victim.hostPort() + ":")), dead.toString());

        TribRunner.Result json = trib("call", "--json", entry().hostPort(), "PING");
        assertEquals(ExitCodes.OK, json.exitCode(), json.toString());
        JsonNode doc = JSON.readTree(json.out());
        assertEquals(0, doc.get("exitCode").asInt());
        assertEquals(6, doc.get("nodes").size());
        for (JsonNode n : doc.get("nodes")) {
            boolean skipped = n.get("id").asText().equals(id);
            assertEquals(skipped, !n.get("skipped").isNull(), n.toString());
            assertEquals(skipped ? "null" : "\"PONG\"", n.get("reply").toString(), n.toString());
            assertTrue(n.get("error").isNull(), n.toString());
        }
        assertTrue(json.err().contains("[WARNING] Node " + victim.hostPort()), json.toString());
    }
}
