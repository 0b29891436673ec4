package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trib backup}: each master's snapshot is a real RDB that a redis-server loads with the same keys. */
class BackupCommandIT {
    @TempDir
    Path tmp;

    @Test
    void snapshotsLoadIntoRedisWithEveryKey() throws Exception {
        RedisFixture.assumeAvailable();
        RedisFixture.assumeRedisCli();
        try (TestCluster cluster = TestCluster.start(6, HOSTS).createWithRedisCli(1)) {
            assertSnapshotsLoadIntoRedis(cluster, 6);
        }
    }

    /** node-server answers SYNC with an RDB file redis-server loads. */
    @Test
    void nodeServerSnapshotsLoadIntoRedisWithEveryKey() throws Exception {
        RedisFixture.assumeAvailable();
        try (TestCluster cluster = new TestCluster(RedisFixture.startEach(3, HOSTS,
                ip -> RedisFixture.startNodeServer(ip)))) {
            List<String> create = new java.util.ArrayList<>(List.of("create", "--replicas", "0", "--yes"));
            create.addAll(List.of(cluster.hostPorts()));
            TribRunner.Result created = trib(create.toArray(String[]::new));
            assertEquals(ExitCodes.OK, created.exitCode(), created.toString());
            cluster.awaitHealthy();
            assertSnapshotsLoadIntoRedis(cluster, 3);
        }
    }

    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    private void assertSnapshotsLoadIntoRedis(TestCluster cluster, int nodeCount) throws Exception {
        TestData.load(cluster, 20_000, 0);
        Path dir = tmp.resolve("backup");
        TribRunner.Result r = trib("backup", cluster.node(0).hostPort(), dir.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[OK] Saved 3 snapshots and nodes.json in " + dir + "."), r.toString());

        JsonNode nodes = new ObjectMapper().readTree(dir.resolve("nodes.json").toFile()).get("nodes");
        assertEquals(nodeCount, nodes.size());
        long total = 0;
        for (JsonNode n : nodes) {
            if (!n.get("role").asText().equals("master")) {
                continue;
            }
            Path rdb = dir.resolve(n.get("rdb").asText());
            byte[] head = new byte[5];
            try (var in = Files.newInputStream(rdb)) {
                assertEquals(5, in.read(head));
            }
            assertEquals("REDIS", new String(head, StandardCharsets.US_ASCII));
            // The oracle: a standalone redis-server started on the file holds the master's keys.
            Path restoreDir = Files.createDirectories(tmp.resolve("restore-" + n.get("id").asText()));
            Files.copy(rdb, restoreDir.resolve("dump.rdb"));
            try (RedisNode restored = RedisFixture.start("127.0.0.1", false, "--dir", restoreDir.toString(),
                    "--dbfilename", "dump.rdb")) {
                long keys = (Long) restored.call("DBSIZE");
                assertEquals(n.get("keys").asLong(), keys, n.toString());
                total += keys;
            }
        }
        assertEquals(20_000, total);
    }
}
