package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.commands.ops.BackupOperation;
import dev.trib.planner.topology.ClusterNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three masters that share one working directory and dump file (disk-based SYNC, as in many container set-ups):
 * answering SYNC at once, they would overwrite each other's dump.rdb and send each other's data. trib backup must
 * save three different files, each checked to hold exactly its own master's keys, before it says OK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupSharedDirIT {
    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private TestCluster cluster;

    @BeforeAll
    void createCluster() {
        RedisFixture.assumeRedisCli();
        AtomicInteger n = new AtomicInteger();
        // Same dir and dbfilename for all; each keeps its own nodes.conf (a path outside the shared dir).
        List<RedisNode> nodes = RedisFixture.startEach(3, TestCluster.THREE_HOSTS, ip -> RedisFixture.start(ip, true,
                "--dir", shared.toString(), "--repl-diskless-sync", "no",
                "--cluster-config-file", shared.resolve("nodes-" + n.incrementAndGet() + ".conf").toString()));
        cluster = new TestCluster(nodes).createWithRedisCli(0);
        TestData.load(cluster, 30_000, 0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everySnapshotIsItsOwnMastersAndCheckedBeforeOk() throws Exception {
        Path dir = tmp.resolve("backup");
        TribRunner.Result r = trib("backup", cluster.node(0).hostPort(), dir.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[OK] Saved 3 snapshots"), r.toString());
        Set<String> contents = new HashSet<>();
        List<Path> files = new ArrayList<>();
        for (RedisNode m : cluster.nodes()) {
            Path rdb = dir.resolve("redis-node-" + m.ip() + "-" + m.port() + "-" + m.myId() + ".rdb");
            assertTrue(Files.exists(rdb), rdb + "\n" + r);
            files.add(rdb);
            contents.add(Arrays.toString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(rdb))));
            long keys = Long.parseLong(m.call("DBSIZE").toString());
            assertTrue(r.out().contains(m.hostPort() + " -> " + rdb.getFileName()) && r.out().contains(
                    keys + " keys, checked to be its own"), r.toString());
            // Read back independently of trib's message: this master's keys, and only its slots.
            assertTrue(BackupOperation.verify(rdb, m.myself().slots(), keys, keys).problem().isEmpty(), rdb.toString());
        }
        assertEquals(3, contents.size(), "three different files");
        // The check does catch another master's file.
        RedisNode first = cluster.node(0);
        long keys = Long.parseLong(first.call("DBSIZE").toString());
        var wrong = BackupOperation.verify(files.get(1), first.myself().slots(), keys, keys);
        assertTrue(wrong.problem().isPresent() && wrong.problem().get().contains("slots the master does not serve"),
                wrong.toString());
    }
}
