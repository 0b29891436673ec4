package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trib import} of 50,000 mixed keys with TTLs from a real standalone redis-server into a real cluster. */
class ImportCommandIT {

    private static void assertIntact(TestData data, TestCluster cluster) {
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.size() + " keys wrong, e.g. "
                + problems.subList(0, Math.min(5, problems.size())));
        assertEquals(0, RedisFixture.redisCli("--cluster", "check", cluster.node(0).hostPort()).exitCode());
    }

    @Test
    void copyThenClashThenReplaceThenMove() {
        try (TestCluster cluster = TestCluster.sixNodesByRedisCli();
             RedisNode source = RedisFixture.start("127.0.0.1", false)) {
            TestData data = TestData.loadStandalone(source, 50_000);
            String e = cluster.node(0).hostPort();

            TribRunner.Result copy = trib("import", e, "--from", source.hostPort(), "--copy");
            assertEquals(ExitCodes.OK, copy.exitCode(), copy.toString());
            assertTrue(copy.outLines().stream().anyMatch(l -> l.startsWith("[OK] Imported 50000 keys in ")), copy.out());
            assertEquals(50_000L, source.call("DBSIZE"), "--copy leaves the source as it was");
            assertIntact(data, cluster);

            TribRunner.Result clash = trib("import", e, "--from", source.hostPort(), "--copy");
            assertEquals(ExitCodes.PROBLEMS, clash.exitCode(), clash.toString());
            assertTrue(clash.err().contains("already exist in the cluster") && clash.err().contains("--replace"),
                    clash.toString());

            TribRunner.Result move = trib("import", e, "--from", source.hostPort(), "--replace");
            assertEquals(ExitCodes.OK, move.exitCode(), move.toString());
            assertEquals(0L, source.call("DBSIZE"), "without --copy the keys leave the source");
            assertIntact(data, cluster);
        }
    }

    @Test
    void aClusterSourceOrAnUnreachableOneIsRefused() {
        RedisFixture.assumeAvailable();
        try (TestCluster cluster = TestCluster.start(3, List.of("127.0.0.1")).createWithRedisCli(0);
             RedisNode clustered = RedisFixture.start("127.0.0.2", true)) {
            TribRunner.Result r = trib("import", cluster.node(0).hostPort(), "--from", clustered.hostPort());
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.err().startsWith("[ERR] The source " + clustered.hostPort() + " is a cluster node"), r.toString());
            String gone = clustered.hostPort();
            clustered.close();
            TribRunner.Result unreachable = trib("import", cluster.node(0).hostPort(), "--from", gone);
            assertEquals(ExitCodes.UNREACHABLE, unreachable.exitCode(), unreachable.toString());
            assertEquals("[ERR] Could not connect to " + gone + ": connection refused", unreachable.err().trim());
        }
    }
}
