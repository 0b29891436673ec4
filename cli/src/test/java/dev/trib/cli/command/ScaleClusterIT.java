package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * trib on 60 redis-server nodes over five loopback "hosts": create (joined by gossip, not N² MEETs), check, and
 * a reshard with keys, each asserted on the nodes themselves and by redis-cli's check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleClusterIT {
    private static final int NODES = 60;
    private static final List<String> FIVE_HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4",
            "127.0.0.5");
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestCluster cluster;

    @TempDir
    Path tmp;

    @BeforeAll
    void startNodes() {
        RedisFixture.assumeRedisCli();
        // The fixture's 3 s node timeout lets a busy machine (60 nodes on 2 shared cores) mark masters failing,
        // and the cluster then refuses migrations with CLUSTERDOWN: give the nodes 8 s.
        cluster = TestCluster.start(NODES, FIVE_HOSTS, "--cluster-node-timeout", "8000");
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

    @Test
    @Order(1)
    void createsSixtyNodesWithFewMeetsAndEveryNodeOkOnReturn() {
        TribRunner.Result r = trib(concat(new String[] {"create", "--replicas", "1", "--yes"}, cluster.hostPorts()));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[OK] All " + NODES + " nodes reachable and healthy."), r.out());
        long meets = 0;
        for (RedisNode n : cluster.nodes()) {
            // No waiting here: create returns only when every node is usable.
            assertEquals("ok", n.clusterInfo("cluster_state"), n.hostPort());
            assertEquals(String.valueOf(NODES), n.clusterInfo("cluster_known_nodes"), n.hostPort());
            assertEquals(String.valueOf(NODES / 2), n.clusterInfo("cluster_size"), n.hostPort());
            meets += Long.parseLong(n.clusterInfo("cluster_stats_messages_meet_sent"));
        }
        // Each node meets about log2(60) = 6 others: 354 MEETs at most (a MEET resent after a dropped link
        // aside), where meeting every pair from both ends sends 3,540.
        assertTrue(meets <= 2L * NODES * 6, meets + " MEET messages sent");
        RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", entry().hostPort());
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("[OK] All 16384 slots covered."), check.output());
    }

    @Test
    @Order(2)
    void checksAndReshardsWithKeysIntact() throws Exception {
        TribRunner.Result check = trib("check", entry().hostPort());
        assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
        TestData data = TestData.load(cluster, 20_000, 0);
        Map<String, Integer> before = slotCounts();
        String to = before.keySet().iterator().next();
        TribRunner.Result r = trib("reshard", entry().hostPort(), "--from", "all", "--to", to, "--slots", "2000",
                "--yes", "--journal", tmp.resolve("j.json").toString(), "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        JsonNode summary = JSON.readTree(r.out());
        assertEquals(2000, summary.get("slotsMoved").asInt());
        assertTrue(summary.get("keysMoved").asLong() > 1_000, r.out());
        assertEquals(before.get(to) + 2000, slotCounts().get(to));
        List<String> problems = data.verify(entry());
        assertTrue(problems.isEmpty(), problems.size() + " keys wrong, e.g. "
                + problems.subList(0, Math.min(5, problems.size())));
        RedisFixture.ProcessResult cliCheck = RedisFixture.redisCli("--cluster", "check", entry().hostPort());
        assertEquals(0, cliCheck.exitCode(), cliCheck.output());
        TribRunner.Result after = trib("check", entry().hostPort());
        assertEquals(ExitCodes.OK, after.exitCode(), after.toString());
    }

    @Test
    @Order(3)
    void aFailoverEndsWithOneSummaryLineNotALineForEachNode() {
        RedisNode replica = cluster.nodes().stream().filter(n -> n.myself().isReplica()).findFirst().orElseThrow();
        TribRunner.Result r = trib("failover", replica.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(replica.myself().isMaster(), r.toString());
        assertTrue(r.out().contains("[OK] 1 replica(s) promoted; every reachable node agrees.\n   " + NODES
                + " nodes: " + NODES / 2 + " masters serving 16384 slots, " + NODES / 2 + " replicas ('trib check "
                + replica.hostPort() + "' lists them)"), r.out());
        assertFalse(r.out().contains("\nS: "), r.out());
    }

    /** Masters as each describes itself: id -> slot count. */
    private Map<String, Integer> slotCounts() {
        Map<String, Integer> out = new TreeMap<>();
        for (RedisNode n : cluster.nodes()) {
            ClusterNode self = NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow();
            if (self.isMaster()) {
                out.put(self.id(), self.slots().size());
            }
        }
        return out;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
