package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.RedisVersion;
import dev.trib.commands.fixture.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib doctor} on a cluster of one Redis 6.2 and two 7.0 masters (made by redis-cli, no replicas): the
 * versions differ, and the 6.2 node, which has no ACL DRYRUN, is said to be unchecked rather than failing the run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorMixedVersionIT {
    private TestCluster cluster;

    @BeforeAll
    void create() {
        cluster = TestCluster.start(List.of(RedisVersion.V6_2, RedisVersion.V7_0, RedisVersion.V7_0),
                TestCluster.THREE_HOSTS).createWithRedisCli(0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String version(RedisNode n) {
        return n.callString("INFO", "server").lines().filter(l -> l.startsWith("redis_version:")).findFirst()
                .orElseThrow().substring("redis_version:".length()).trim();
    }

    @Test
    void mixedVersionsAreAWarningAndTheOldNodesPermissionsAreUnchecked() {
        RedisNode old = cluster.node(0);
        RedisNode new1 = cluster.node(1);
        RedisNode new2 = cluster.node(2);
        assertTrue(version(old).startsWith("6.2."), version(old));
        TribRunner.Result r = trib("doctor", new1.hostPort());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains("[WARNING] Server versions differ: " + version(new1) + " on 2 nodes ("
                + new1.hostPort() + " " + new2.hostPort() + "), " + version(old) + " on " + old.hostPort() + "."),
                r.toString());
        assertTrue(r.outLines().contains("[INFO] Permissions of user 'default' not checked on " + old.hostPort()
                + ": Redis " + version(old) + " has no ACL DRYRUN."), r.toString());
        assertTrue(r.outLines().contains("    ACL DRYRUN needs Redis 7.0 or later."), r.toString());
        assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("[INFO] User 'default' may run every trib "
                + "operation (ACL DRYRUN on 2 nodes (")), r.toString());
        assertEquals(3, r.outLines().stream().filter(l -> l.contains(" has no replica: if it fails, its ")).count(),
                r.toString());
        assertTrue(r.outLines().stream().noneMatch(l -> l.startsWith("[ERR] Master")), r.toString());
    }
}
