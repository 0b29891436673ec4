package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.Resp;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib set-timeout}: applied on every node and read back, saved where the node has a config file, reported
 * where it has none, refused below 100 ms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetTimeoutCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestCluster cluster;

    @TempDir
    Path tmp;

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

    private static String timeout(RedisNode n) {
        @SuppressWarnings("unchecked")
        List<Object> reply = (List<Object>) n.call("CONFIG", "GET", "cluster-node-timeout");
        return (String) reply.get(1);
    }

    @Test
    @Order(1)
    void setsEveryNodeAndSaysWhereItCouldNotBeSaved() throws Exception {
        // The fixture starts redis-server from arguments only: there is no config file to rewrite.
        TribRunner.Result r = trib("set-timeout", entry().hostPort(), "4500");
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        // The same story on every node is told once, not six times.
        assertEquals(List.of(">>> Reconfiguring node timeout in every cluster node...",
                ">>> New node timeout 4500 ms set: applied on 6 nodes; not saved on 6: no config file (a restart "
                        + "brings back the old value)."), r.outLines(), r.toString());
        for (RedisNode n : cluster.nodes()) {
            assertEquals("4500", timeout(n), n.hostPort());
        }

        TribRunner.Result json = trib("set-timeout", entry().hostPort(), "3000", "--json");
        assertEquals(ExitCodes.PROBLEMS, json.exitCode(), json.toString());
        JsonNode doc = JSON.readTree(json.out());
        assertEquals(3000, doc.get("timeoutMs").asInt());
        assertEquals(6, doc.get("applied").asInt());
        assertEquals(6, doc.get("notSaved").asInt());
        assertEquals(6, doc.get("nodes").size());
        assertEquals("NOT_SAVED", doc.get("nodes").get(0).get("status").asText());
        assertEquals(entry().hostPort(), doc.get("nodes").get(0).get("address").asText());
        assertEquals(40, doc.get("nodes").get(0).get("id").asText().length());
        cluster.nodes().forEach(n -> assertEquals("3000", timeout(n), n.hostPort()));
        RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", entry().hostPort());
        assertEquals(0, check.exitCode(), check.output());
    }

    @Test
    @Order(2)
    void belowOneHundredIsAUsageErrorAndNothingChanges() {
        TribRunner.Result r = trib("set-timeout", entry().hostPort(), "99");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertEquals(List.of("[ERR] MS must be at least 100 (a smaller node timeout fails nodes over for nothing)",
                "Try 'trib set-timeout --help' for more information."), r.err().lines().toList());
        assertEquals("", r.out());
        cluster.nodes().forEach(n -> assertEquals("3000", timeout(n), n.hostPort()));
        assertEquals(ExitCodes.USAGE, trib("set-timeout", entry().hostPort(), "soon").exitCode());
    }

    @Test
    @Order(3)
    void anUnreachableEntryExitsThree() {
        RedisNode gone = RedisFixture.start("127.0.0.1", true);
        String address = gone.hostPort();
        gone.close();
        TribRunner.Result r = trib("set-timeout", address, "5000");
        assertEquals(ExitCodes.UNREACHABLE, r.exitCode(), r.toString());
        assertEquals("[ERR] Could not connect to " + address + ": connection refused", r.err().trim());
    }

    @Test
    @Order(4)
    void savesToTheConfigFile() throws Exception {
        // A one-node cluster started from a config file, as production nodes are: CONFIG REWRITE works there.
        RedisFixture.assumeAvailable();
        Path server = RedisFixture.redisServerOnPath();
        org.junit.jupiter.api.Assumptions.assumeTrue(server != null, "needs redis-server on PATH");
        RedisNode probe = RedisFixture.start("127.0.0.1", true);
        int port = probe.port();
        probe.close();
        Path conf = tmp.resolve("redis.conf");
        Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1", "dir " + tmp,
                "cluster-enabled yes", "cluster-config-file nodes.conf", "cluster-node-timeout 3000", "save \"\"",
                "appendonly no", "protected-mode no", "logfile redis.log", ""));
        Process p = new ProcessBuilder(server.toString(), conf.toString()).directory(tmp.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("stdout.log").toFile()).start();
        try {
            Poll.until(Duration.ofSeconds(15), "redis-server to answer", () -> {
                try (Resp c = new Resp("127.0.0.1", port, 1000)) {
                    return "PONG".equals(c.call("PING"));
                }
            });
            try (Resp c = new Resp("127.0.0.1", port, 5000)) {
                assertEquals("OK", c.call("CLUSTER", "ADDSLOTSRANGE", 0, 16383));
            }
            String address = "127.0.0.1:" + port;
            TribRunner.Result r = trib("set-timeout", address, "5000");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertEquals(List.of(">>> Reconfiguring node timeout in every cluster node...", address + " OK",
                    ">>> New node timeout 5000 ms set: applied on 1 node."), r.outLines());
            try (Resp c = new Resp("127.0.0.1", port, 5000)) {
                assertEquals(List.of("cluster-node-timeout", "5000"), c.call("CONFIG", "GET", "cluster-node-timeout"));
            }
            assertTrue(Files.readAllLines(conf).contains("cluster-node-timeout 5000"), Files.readString(conf));
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    @Order(5)
    void aNodeTheClusterFlagsFailIsSkippedWithAWarningAndTheRestSucceeds() throws Exception {
        // Nodes with config files, so every live node can save the value and the run can succeed.
        try (TestCluster c = new TestCluster(RedisFixture.startEach(6, TestCluster.THREE_HOSTS,
                RedisFixture::startWithConfigFile)).createWithRedisCli(1)) {
            RedisNode first = c.node(0);
            RedisNode victim = c.nodes().stream().filter(n -> NodesParser.parse(n.callString("CLUSTER", "NODES"))
                    .myself().orElseThrow().isReplica()).findFirst().orElseThrow();
            String id = victim.myId();
            victim.kill();

            // Unreachable but not (yet) declared dead by the cluster: an error, as before.
            TribRunner.Result suspect = trib("set-timeout", first.hostPort(), "3000");
            assertEquals(ExitCodes.PROBLEMS, suspect.exitCode(), suspect.toString());
            assertTrue(suspect.outLines().contains(victim.hostPort() + " ERR unreachable: connection refused"),
                    suspect.toString());

            Poll.until(Duration.ofSeconds(60), victim + " to be flagged fail", () -> first.callString("CLUSTER",
                    "NODES").lines().anyMatch(l -> l.startsWith(id) && l.contains(",fail ")));
            TribRunner.Result r = trib("set-timeout", first.hostPort(), "3500");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            List<String> lines = r.outLines();
            assertEquals("[WARNING] Node " + victim.hostPort() + " (" + id.substring(0, 8) + ") is unreachable "
                    + "(connection refused) and flagged fail by the cluster: skipped. If it is gone for good, remove "
                    + "it with 'trib del-node " + first.hostPort() + " " + id + "'.", lines.get(1), r.toString());
            assertEquals(5, lines.stream().filter(l -> l.endsWith(" OK")).count(), r.toString());
            assertEquals(">>> New node timeout 3500 ms set: applied on 5 nodes; skipped 1 node the cluster flags "
                    + "fail.", lines.get(lines.size() - 1), r.toString());
            for (RedisNode n : c.nodes()) {
                if (n.alive()) {
                    assertEquals("3500", timeout(n), n.hostPort());
                    assertTrue(Files.readAllLines(n.dir().resolve("redis.conf")).contains("cluster-node-timeout 3500"),
                            n.hostPort());
                }
            }

            TribRunner.Result json = trib("set-timeout", first.hostPort(), "3000", "--json");
            assertEquals(ExitCodes.OK, json.exitCode(), json.toString());
            JsonNode doc = JSON.readTree(json.out());
            assertEquals(0, doc.get("exitCode").asInt());
            assertEquals(5, doc.get("applied").asInt());
            assertEquals(0, doc.get("failed").asInt());
            assertEquals(1, doc.get("skipped").asInt());
            assertEquals(6, doc.get("nodes").size());
            for (JsonNode n : doc.get("nodes")) {
                boolean dead = n.get("id").asText().equals(id);
                assertEquals(dead ? "SKIPPED" : "OK", n.get("status").asText(), n.toString());
                assertEquals(dead, n.get("skipped").asText().contains("trib del-node"), n.toString());
                assertTrue(n.get("error").isNull(), n.toString());
            }
            assertTrue(json.err().contains("[WARNING] Node " + victim.hostPort()), json.toString());
        }
    }
}
