package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.SlotSet;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trib failover} on real clusters: by replica, by master, forced with the master dead, a host drained. */
class FailoverCommandIT {
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    private static RedisNode firstReplica(TestCluster c) {
        return c.nodes().stream().filter(n -> n.myself().isReplica()).findFirst().orElseThrow();
    }

    private static RedisNode byId(TestCluster c, String id) {
        return c.nodes().stream().filter(n -> n.myId().equals(id)).findFirst().orElseThrow();
    }

    /** Replication links are up before a graceful failover can pick a replica. */
    private static void awaitLinksUp(TestCluster c) {
        Poll.until(Duration.ofSeconds(20), "replication links up", () -> c.nodes().stream()
                .filter(n -> n.alive() && n.myself().isReplica())
                .allMatch(n -> n.callString("INFO", "replication").contains("master_link_status:up")));
    }

    @Test
    void aReplicaIsPromotedWithoutLosingAcknowledgedWrites() throws Exception {
        try (TestCluster c = TestCluster.sixNodesByRedisCli()) {
            awaitLinksUp(c);
            RedisNode replica = firstReplica(c);
            String oldMaster = replica.myself().masterId().orElseThrow();

            // Asked first: no answer (stdin closed, as in a script without --yes) changes nothing.
            TribRunner.Result unanswered = trib("failover", replica.hostPort());
            assertEquals(ExitCodes.PROBLEMS, unanswered.exitCode(), unanswered.toString());
            assertEquals(List.of("Do you want to proceed with the failover? (type 'yes' to accept): "),
                    unanswered.prompts());
            assertTrue(unanswered.out().contains("  Promote " + replica.hostPort() + " ("), unanswered.toString());
            assertEquals("[ERR] Aborted: no node was changed.", unanswered.err().trim());
            assertTrue(replica.myself().isReplica(), unanswered.toString());

            RedisClusterClient client = RedisClusterClient.create(RedisURI.create(c.node(0).ip(), c.node(0).port()));
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong lost = new AtomicLong();
            AtomicLong writes = new AtomicLong();
            Thread writer = new Thread(() -> {
                try (StatefulRedisClusterConnection<String, String> conn = client.connect()) {
                    long[] expected = new long[100];
                    Random random = new Random(3);
                    while (running.get()) {
                        int i = random.nextInt(expected.length);
                        try {
                            long v = conn.sync().incr("fo:" + i);
                            expected[i]++;
                            writes.incrementAndGet();
                            if (v != expected[i]) {
                                lost.incrementAndGet();
                                expected[i] = v;
                            }
                        } catch (RuntimeException retryLater) {
                            // a write refused during the switch is not acknowledged: not a loss
                        }
                    }
                }
            });
            writer.start();
            try {
                Poll.until(Duration.ofSeconds(10), "writes", () -> writes.get() > 100);
                TribRunner.Result r = trib("failover", replica.hostPort(), "--cluster-yes");
                assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
                assertTrue(r.out().contains("[OK] 1 replica(s) promoted; every reachable node agrees."), r.toString());
                long before = writes.get();
                Poll.until(Duration.ofSeconds(10), "writes after", () -> writes.get() > before + 100);
            } finally {
                running.set(false);
                writer.join(10_000);
                client.shutdown(0, 2, TimeUnit.SECONDS);
            }
            assertEquals(0, lost.get(), "acknowledged writes lost");
            assertTrue(replica.myself().isMaster());
            Poll.until(Duration.ofSeconds(10), "the old master to become a replica",
                    () -> byId(c, oldMaster).myself().isReplica());
            assertEquals(0, RedisFixture.redisCli("--cluster", "check", c.node(0).hostPort()).exitCode());

            // The same command again changes nothing: the node is a master already (and nothing is asked).
            TribRunner.Result again = trib("failover", replica.hostPort());
            assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
            assertEquals("[OK] " + replica.hostPort() + " is already a master (" + replica.myself().slots().size()
                    + " slots): nothing to do.", again.out().trim(), again.toString());
            assertTrue(replica.myself().isMaster() && byId(c, oldMaster).myself().isReplica(), again.toString());

            // --demote: given a master, its best replica takes over; repeated, nothing changes.
            awaitLinksUp(c);
            TribRunner.Result back = new TribRunner().env("REDISCLI_CLUSTER_YES", "1")
                    .run("failover", replica.hostPort(), "--demote");
            assertEquals(ExitCodes.OK, back.exitCode(), back.toString());
            assertTrue(back.prompts().isEmpty(), back.toString());
            assertTrue(byId(c, oldMaster).myself().isMaster(), back.toString());
            Poll.until(Duration.ofSeconds(10), "the demoted master to become a replica", () -> replica.myself().isReplica());
            TribRunner.Result demoteAgain = trib("failover", replica.hostPort(), "--demote");
            assertEquals(ExitCodes.OK, demoteAgain.exitCode(), demoteAgain.toString());
            assertEquals("[OK] " + replica.hostPort() + " is already a replica: nothing to do.",
                    demoteAgain.out().trim(), demoteAgain.toString());
        }
    }

    @Test
    void forceWithTheMasterDeadAndHostDrainAndRefusals() {
        try (TestCluster c = TestCluster.sixNodesByRedisCli()) {
            awaitLinksUp(c);
            TribRunner.Result dry = trib("failover", c.node(1).hostPort(), "--host", "127.0.0.1", "--dry-run");
            assertEquals(ExitCodes.OK, dry.exitCode(), dry.toString());
            assertTrue(dry.out().contains("Promote "), dry.toString());
            TribRunner.Result drain = trib("failover", c.node(1).hostPort(), "--host", "127.0.0.1", "--yes");
            assertEquals(ExitCodes.OK, drain.exitCode(), drain.toString());
            for (RedisNode n : c.nodes()) {
                if (n.ip().equals("127.0.0.1")) {
                    assertTrue(n.myself().slots().isEmpty(), n.hostPort() + " still serves slots");
                }
            }
            assertEquals(0, RedisFixture.redisCli("--cluster", "check", c.node(1).hostPort()).exitCode());

            TribRunner.Result unknown = trib("failover", "127.0.0.1:1");
            assertEquals(ExitCodes.UNREACHABLE, unknown.exitCode(), unknown.toString());

            // --force: the master is killed, its replica takes over without it.
            RedisNode replica = firstReplica(c);
            RedisNode master = byId(c, replica.myself().masterId().orElseThrow());
            master.kill();
            TribRunner.Result forced = trib("failover", replica.hostPort(), "--force", "--yes");
            assertEquals(ExitCodes.OK, forced.exitCode(), forced.toString());
            assertTrue(forced.err().contains("[WARNING] --force"), forced.toString());
            assertTrue(replica.myself().isMaster());
        }
        try (TestCluster bare = TestCluster.start(3, HOSTS).createWithRedisCli(0)) {
            TribRunner.Result none = trib("failover", bare.node(0).hostPort(), "--demote");
            assertEquals(ExitCodes.PROBLEMS, none.exitCode(), none.toString());
            assertEquals("[ERR] Master " + bare.node(0).hostPort() + " has no eligible replica (reachable, link up, "
                    + "not failing).", none.err().trim());
            TribRunner.Result drain = trib("failover", bare.node(0).hostPort(), "--host", "127.0.0.1");
            assertEquals(ExitCodes.PROBLEMS, drain.exitCode(), drain.toString());
            assertEquals("[ERR] No eligible replica on another host for master(s) " + bare.node(0).hostPort()
                    + ": nothing was changed.", drain.err().trim());
            assertTrue(bare.node(0).myself().isMaster() && !bare.node(0).myself().slots().isEmpty());
        }
    }

    @Test
    void aReplicaWrongAboutItsMastersSlotsIsToldBeforeItTakesOverAndClaimsThemAll() {
        try (TestCluster c = TestCluster.sixNodesByRedisCli()) {
            awaitLinksUp(c);
            RedisNode replica = firstReplica(c);
            RedisNode master = byId(c, replica.myself().masterId().orElseThrow());
            SlotSet slots = master.myself().slots();
            int slot = slots.toArray()[0];
            // The replica forgets one of its master's slots, as one that has not heard of a move yet: taking over
            // now, it would claim the others only.
            replica.callString("CLUSTER", "DELSLOTS", Integer.toString(slot));

            TribRunner.Result r = trib("failover", replica.hostPort(), "--yes");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(replica.myself().isMaster(), r.toString());
            assertEquals(slots, replica.myself().slots(), "every slot of the old master, " + slot + " included");
            // trib waited for every node but the old master (which follows as a replica) to see it.
            for (RedisNode n : c.nodes()) {
                if (n != master) {
                    assertEquals(replica.myId(), NodesParser.parse(n.callString("CLUSTER", "NODES")).nodes().stream()
                            .filter(e -> e.slots().contains(slot)).map(ClusterNode::id).findFirst().orElse("nobody"),
                            n.hostPort() + " on slot " + slot);
                }
            }
        }
    }

    @Test
    void theNodeIsNamedByIdPrefixOrAddressThroughAnyMember() {
        try (TestCluster c = TestCluster.sixNodesByRedisCli()) {
            awaitLinksUp(c);
            RedisNode replica = firstReplica(c);
            String id = replica.myId();
            RedisNode master = byId(c, replica.myself().masterId().orElseThrow());
            RedisNode entry = c.nodes().stream().filter(n -> n != replica && n != master).findFirst().orElseThrow();

            TribRunner.Result dry = trib("failover", entry.hostPort(), id.substring(0, 6), "--dry-run");
            assertEquals(ExitCodes.OK, dry.exitCode(), dry.toString());
            assertTrue(dry.out().contains("  Promote " + replica.hostPort() + " (" + id.substring(0, 8)
                    + ") to replace master " + master.hostPort()), dry.toString());
            assertTrue(replica.myself().isReplica(), "a dry run changes nothing");

            TribRunner.Result byPrefix = trib("failover", entry.hostPort(), id.substring(0, 6), "--yes");
            assertEquals(ExitCodes.OK, byPrefix.exitCode(), byPrefix.toString());
            assertTrue(replica.myself().isMaster(), byPrefix.toString());
            TribRunner.Result byId = trib("failover", entry.hostPort(), id, "--yes");
            assertEquals(ExitCodes.OK, byId.exitCode(), byId.toString());
            assertTrue(byId.out().contains(replica.hostPort() + " is already a master"), byId.toString());

            // Back, naming the node by HOST:PORT through another member.
            awaitLinksUp(c);
            TribRunner.Result back = trib("failover", entry.hostPort(), replica.hostPort(), "--demote", "--yes");
            assertEquals(ExitCodes.OK, back.exitCode(), back.toString());
            assertTrue(replica.myself().isReplica() && master.myself().isMaster(), back.toString());

            TribRunner.Result unknown = trib("failover", entry.hostPort(), "ffff" + id.substring(4, 8) + "x");
            assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.toString());
            TribRunner.Result none = trib("failover", entry.hostPort(), "0000ffff", "--yes");
            assertEquals(ExitCodes.PROBLEMS, none.exitCode(), none.toString());
            assertEquals("[ERR] No node with ID 0000ffff in the cluster.", none.err().trim());
        }
    }

    @Test
    void withoutAMajorityForceTimesOutAndTakeoverPromotes() {
        try (TestCluster c = TestCluster.sixNodesByRedisCli()) {
            awaitLinksUp(c);
            RedisNode replica = firstReplica(c);
            ClusterNode oldMaster = byId(c, replica.myself().masterId().orElseThrow()).myself();
            RedisNode master = byId(c, oldMaster.id());
            RedisNode otherMaster = c.nodes().stream()
                    .filter(n -> n != master && n.myself().isMaster()).findFirst().orElseThrow();
            master.kill();
            otherMaster.kill();

            // Two masters of three are gone: no election can be won, so --force is bounded and says where it stopped.
            TribRunner.Result forced = trib("failover", replica.hostPort(), "--force", "--wait-timeout", "3000",
                    "--yes");
            assertEquals(ExitCodes.PROBLEMS, forced.exitCode(), forced.toString());
            String err = forced.err();
            assertTrue(err.contains("Gave up after 3000 ms: "), forced.toString());
            assertTrue(err.contains("Roles now: "), forced.toString());
            assertTrue(err.contains(master.hostPort() + " unreachable"), forced.toString());
            assertTrue(err.contains(replica.hostPort() + " replica"), forced.toString());
            // The others are counted, not listed (a line per node of 250 is not read), the unreachable named.
            assertTrue(err.contains("; the other 4 nodes: 1 master, 2 replicas, 1 unreachable ("
                    + otherMaster.hostPort() + ")."), forced.toString());
            assertTrue(replica.myself().isReplica(), "still a replica after the refused election");

            TribRunner.Result takeover = trib("failover", replica.hostPort(), "--takeover", "--yes");
            assertEquals(ExitCodes.OK, takeover.exitCode(), takeover.toString());
            assertTrue(takeover.err().contains("[WARNING] --takeover: no vote is held"), takeover.toString());
            ClusterNode promoted = replica.myself();
            assertTrue(promoted.isMaster(), takeover.toString());
            assertEquals(oldMaster.slots(), promoted.slots());
        }
    }
}
