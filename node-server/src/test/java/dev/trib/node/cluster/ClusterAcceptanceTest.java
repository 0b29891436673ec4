package dev.trib.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.Procs;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.RespTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bus against real tools and real nodes: redis-cli --cluster create/check over three
 * node-servers, and a mixed cluster of one node-server and two redis-server 7.0 nodes joined the
 * way trib creates clusters (ADDSLOTSRANGE, SET-CONFIG-EPOCH, MEET).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterAcceptanceTest {
    private static final String HOST = ClusterNodes.HOST;

    @BeforeAll
    static void needsRedis() {
        Assumptions.assumeTrue(RealRedis.onPath("redis-cli") != null && RealRedis.onPath("redis-server") != null,
                "*** redis-cli/redis-server not on PATH: cluster acceptance tests SKIPPED ***");
    }

    @Test
    void redisCliCreatesAndChecksAClusterOfThreeNodeServers() throws Exception {
        List<NodeServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(ClusterNodes.start());
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            nodes.forEach(n -> create.add(HOST + ":" + n.port()));
            create.add("--cluster-yes");
            Procs.Result created = Procs.run(90, create);
            assertEquals(0, created.exitCode(), created.output());
            assertTrue(created.output().contains("[OK] All 16384 slots covered."), created.output());
            Procs.Result check = checkUntilClean(nodes.get(1).port());
            assertTrue(check.output().contains("[OK] All nodes agree about slots configuration."), check.output());
            // A master reports "fail" for a short while after a change (redis-server's too): poll, as below.
            Poll.until(Duration.ofSeconds(30), "cluster_state:ok and 3 known nodes everywhere", () -> {
                for (NodeServer n : nodes) {
                    try (RespTestClient c = new RespTestClient(HOST, n.port())) {
                        String info = c.call("CLUSTER", "INFO");
                        if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:3")) {
                            return false;
                        }
                    }
                }
                return true;
            });
            setAndGetThroughRedisCli(nodes.get(0).port(), nodes.get(2).port());
        } finally {
            ClusterNodes.stopAll(nodes);
        }
    }

    @Test
    void aNodeServerJoinsTwoRedisServersLikeTribCreates() throws Exception {
        List<NodeServer> ours = new ArrayList<>();
        List<RealRedis> real = new ArrayList<>();
        try {
            ours.add(ClusterNodes.start());
            real.add(RealRedis.startCluster(HOST, Ports.freeClusterPort(HOST)));
            real.add(RealRedis.startCluster(HOST, Ports.freeClusterPort(HOST)));
            int[] ports = {ours.get(0).port(), real.get(0).port, real.get(1).port};
            String[][] ranges = {{"0", "5460"}, {"5461", "10922"}, {"10923", "16383"}};
            for (int i = 0; i < 3; i++) {
                try (RespTestClient c = new RespTestClient(HOST, ports[i])) {
                    assertEquals("+OK\r\n", c.call("CLUSTER", "ADDSLOTSRANGE", ranges[i][0], ranges[i][1]));
                    assertEquals("+OK\r\n", c.call("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1)));
                }
            }
            // The node-server meets one real node; the other real node meets the node-server.
            try (RespTestClient c = new RespTestClient(HOST, ports[0])) {
                assertEquals("+OK\r\n", c.call("CLUSTER", "MEET", HOST, Integer.toString(ports[1])));
            }
            try (RespTestClient c = new RespTestClient(HOST, ports[2])) {
                assertEquals("+OK\r\n", c.call("CLUSTER", "MEET", HOST, Integer.toString(ports[0])));
            }
            Poll.until(Duration.ofSeconds(30), "every node to see all three connected", () -> {
                for (int port : ports) {
                    try (RespTestClient c = new RespTestClient(HOST, port)) {
                        String nodesText = c.call("CLUSTER", "NODES");
                        long connected = nodesText.lines().filter(l -> l.contains(" connected")).count();
                        if (connected != 3 || nodesText.contains("handshake") || nodesText.contains("fail")) {
                            return false;
                        }
                    }
                }
                return true;
            });
            checkUntilClean(ports[1]);
            checkUntilClean(ports[0]);
            // Masters report "fail" for a short while after start-up or a change (real ones too).
            Poll.until(Duration.ofSeconds(30), "cluster_state:ok everywhere", () -> {
                for (int port : ports) {
                    try (RespTestClient c = new RespTestClient(HOST, port)) {
                        if (!c.call("CLUSTER", "INFO").contains("cluster_state:ok")) {
                            return false;
                        }
                    }
                }
                return true;
            });
            setAndGetThroughRedisCli(ports[1], ports[0]);
        } finally {
            ClusterNodes.stopAll(ours);
            for (RealRedis r : real) {
                r.close();
            }
        }
    }

    /** redis-cli --cluster check until it exits 0 (agreement can lag a moment behind the join). */
    private static Procs.Result checkUntilClean(int port) throws Exception {
        Procs.Result[] last = new Procs.Result[1];
        try {
            Poll.until(Duration.ofSeconds(30), "redis-cli --cluster check to pass", () -> {
                last[0] = Procs.run(30, List.of("redis-cli", "--cluster", "check", HOST + ":" + port));
                return last[0].exitCode() == 0;
            });
        } catch (AssertionError e) {
            throw new AssertionError(last[0] == null ? "no check run" : last[0].output(), e);
        }
        return last[0];
    }

    /** Keys b (3300), c (7365) and a (15495) cover all three slot ranges. */
    private static void setAndGetThroughRedisCli(int writePort, int readPort) throws Exception {
        for (String key : List.of("b", "c", "a", "{user1000}.following")) {
            Procs.Result set = Procs.run(20, List.of("redis-cli", "-c", "-h", HOST, "-p", Integer.toString(writePort),
                    "SET", key, "value-" + key));
            assertEquals("OK", set.output().strip(), key);
            Procs.Result get = Procs.run(20, List.of("redis-cli", "-c", "-h", HOST, "-p", Integer.toString(readPort),
                    "GET", key));
            assertEquals("value-" + key, get.output().strip(), key);
        }
    }
}
