package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.Resp;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.KeySlot;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib fix} on states broken on purpose, keys checked through a cluster client after each repair. Each case
 * breaks the shared cluster as it finds it (or, when the break cannot be undone, a cluster of its own) and leaves it
 * whole: the cases run in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixCommandIT {
    private TestCluster cluster;
    private TestData data;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        data = TestData.load(cluster, 20_000, 0);
        awaitReplicasInSync();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Every case leaves the shared cluster as it found it: whole, agreeing, every slot closed and served. */
    @AfterEach
    void leftWhole() {
        cluster.awaitHealthy();
        awaitReplicasInSync();
    }

    /** Every replica holds as many keys as its master: state compared before and after is not a sync in flight. */
    private void awaitReplicasInSync() {
        Poll.until(Duration.ofSeconds(60), "replicas in sync with their masters", () -> {
            Map<String, Long> keys = new HashMap<>();
            Map<String, String> masterOf = new HashMap<>();
            for (RedisNode n : cluster.nodes()) {
                ClusterNode self = NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow();
                keys.put(self.id(), (Long) n.call("DBSIZE"));
                self.masterId().ifPresent(m -> masterOf.put(self.id(), m));
            }
            return masterOf.entrySet().stream().allMatch(e -> keys.get(e.getKey()).equals(keys.get(e.getValue())));
        });
    }

    private String e() {
        return cluster.node(0).hostPort();
    }

    /** Masters with their fixture node, as each describes itself. */
    private List<Object[]> masters() {
        List<Object[]> out = new ArrayList<>();
        for (RedisNode n : cluster.nodes()) {
            ClusterNode self = NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow();
            if (self.isMaster() && !self.slots().isEmpty()) {
                out.add(new Object[] {n, self});
            }
        }
        return out;
    }

    private void assertRepaired(TribRunner.Result r) {
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains("[OK] All 16384 slots covered."), r.toString());
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.subList(0, Math.min(5, problems.size())).toString());
        assertEquals(0, RedisFixture.redisCli("--cluster", "check", e()).exitCode());
    }

    /** The first slot of the master that holds at least two test keys. */
    private int slotWithKeys(RedisNode n, ClusterNode self) {
        for (String k : data.keys().keySet()) {
            int slot = KeySlot.of(k);
            if (self.slots().contains(slot) && (Long) n.call("CLUSTER", "COUNTKEYSINSLOT", slot) >= 2) {
                return slot;
            }
        }
        throw new IllegalStateException("no slot with keys");
    }

    @Test
    void aHealthyClusterHasNothingToFix() {
        TribRunner.Result r = trib("fix", e(), "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[OK] Nothing to fix"), r.toString());
    }

    @Test
    void aHalfDoneMoveIsFinished() {
        RedisNode src = (RedisNode) masters().get(0)[0];
        ClusterNode srcSelf = (ClusterNode) masters().get(0)[1];
        RedisNode dst = (RedisNode) masters().get(1)[0];
        ClusterNode dstSelf = (ClusterNode) masters().get(1)[1];
        int slot = slotWithKeys(src, srcSelf);
        dst.call("CLUSTER", "SETSLOT", slot, "IMPORTING", srcSelf.id());
        src.call("CLUSTER", "SETSLOT", slot, "MIGRATING", dstSelf.id());
        @SuppressWarnings("unchecked")
        List<Object> keys = (List<Object>) src.call("CLUSTER", "GETKEYSINSLOT", slot, 1);
        List<Object> migrate = new ArrayList<>(List.of("MIGRATE", dst.ip(), dst.port(), "", 0, 5000, "KEYS"));
        migrate.addAll(keys);
        assertEquals("OK", src.call(migrate.toArray()), "one key moved by hand, the rest left behind");
        assertEquals(ExitCodes.PROBLEMS, trib("check", e()).exitCode());

        TribRunner.Result dry = trib("fix", e(), "--dry-run");
        assertEquals(ExitCodes.OK, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("Slot " + slot + ": finish moving it from " + src.hostPort() + " to "
                + dst.hostPort() + "."), dry.toString());
        assertEquals(ExitCodes.PROBLEMS, trib("check", e()).exitCode(), "--dry-run changed nothing");

        assertRepaired(trib("fix", e(), "--yes"));
        ClusterNode after = NodesParser.parse(dst.callString("CLUSTER", "NODES")).myself().orElseThrow();
        assertTrue(after.slots().contains(slot));
    }

    @Test
    void migratingOnlyAndImportingOnlyAreClosed() {
        RedisNode a = (RedisNode) masters().get(0)[0];
        ClusterNode aSelf = (ClusterNode) masters().get(0)[1];
        RedisNode b = (RedisNode) masters().get(1)[0];
        ClusterNode bSelf = (ClusterNode) masters().get(1)[1];
        int migratingSlot = slotWithKeys(a, aSelf);
        int importingSlot = bSelf.slots().ranges().get(0).start();
        a.call("CLUSTER", "SETSLOT", migratingSlot, "MIGRATING", bSelf.id());
        a.call("CLUSTER", "SETSLOT", importingSlot, "IMPORTING", bSelf.id());
        TribRunner.Result r = trib("fix", e(), "--yes");
        assertTrue(r.out().contains("Slot " + migratingSlot + ": close the open mark on " + a.hostPort()), r.toString());
        assertTrue(r.out().contains("Slot " + importingSlot + ": close the open mark on " + a.hostPort()), r.toString());
        assertRepaired(r);
    }

    @Test
    void aSlotNobodyServesGoesBackToTheMasterWithItsKeys() {
        RedisNode a = (RedisNode) masters().get(2)[0];
        ClusterNode aSelf = (ClusterNode) masters().get(2)[1];
        int slot = slotWithKeys(a, aSelf);
        assertEquals("OK", a.call("CLUSTER", "DELSLOTS", slot));
        assertEquals(ExitCodes.PROBLEMS, trib("check", e()).exitCode());
        TribRunner.Result r = trib("fix", e(), "--yes");
        assertTrue(r.out().contains("Slots " + slot + ": assign to " + a.hostPort() + " (it holds their keys)."),
                r.toString());
        assertRepaired(r);
    }

    @Test
    void answeringNoChangesNothing() {
        RedisNode a = (RedisNode) masters().get(0)[0];
        ClusterNode bSelf = (ClusterNode) masters().get(1)[1];
        int slot = ((ClusterNode) masters().get(0)[1]).slots().ranges().get(0).start();
        a.call("CLUSTER", "SETSLOT", slot, "MIGRATING", bSelf.id());
        try {
            TribRunner.Result r = new TribRunner().answers("no").run("fix", e());
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.err().contains("Aborted: nothing was changed."), r.toString());
            assertTrue(a.callString("CLUSTER", "NODES").contains("[" + slot + "->-"), "still open");
        } finally {
            a.call("CLUSTER", "SETSLOT", slot, "STABLE");
        }
    }

    /** A key name (with the prefix) that hashes to the slot. */
    private static String keyIn(int slot, String prefix) {
        for (int i = 0; ; i++) {
            if (KeySlot.of(prefix + i) == slot) {
                return prefix + i;
            }
        }
    }

    /** Writes a key on a node that does not own its slot, as a client following ASK would. */
    private static void askingSet(RedisNode n, String key, String value) throws Exception {
        try (Resp r = new Resp(n.ip(), n.port(), 5000)) {
            assertEquals("OK", r.call("ASKING"));
            assertEquals("OK", r.call("SET", key, value));
        }
    }

    @Test
    void keysWrittenWhereTheSlotIsNotOwnedGoToTheOwner() throws Exception {
        RedisNode a = (RedisNode) masters().get(0)[0];
        ClusterNode aSelf = (ClusterNode) masters().get(0)[1];
        RedisNode b = (RedisNode) masters().get(1)[0];
        int importing = aSelf.slots().ranges().get(0).start();
        int stray = importing + 1;
        // Importing only, with a key already written there through ASKING.
        assertEquals("OK", b.call("CLUSTER", "SETSLOT", importing, "IMPORTING", aSelf.id()));
        String imported = keyIn(importing, "fix-imported:");
        askingSet(b, imported, "v1");
        // The same, then the mark closed: the key sits where no client will ever be sent.
        assertEquals("OK", b.call("CLUSTER", "SETSLOT", stray, "IMPORTING", aSelf.id()));
        String strayKey = keyIn(stray, "fix-stray:");
        askingSet(b, strayKey, "v2");
        assertEquals("OK", b.call("CLUSTER", "SETSLOT", stray, "STABLE"));

        TribRunner.Result r = trib("fix", e(), "--yes");
        assertTrue(r.out().contains("Slot " + importing + ": move the keys " + b.hostPort()
                + " imported back to the owner " + a.hostPort() + ", then close the mark."), r.toString());
        assertTrue(r.out().contains("Slot " + stray + ": move the 1 key(s) " + b.hostPort()
                + " holds without owning the slot to its owner " + a.hostPort() + "."), r.toString());
        assertRepaired(r);
        assertEquals("v1", a.call("GET", imported));
        assertEquals("v2", a.call("GET", strayKey));
        assertEquals(0L, b.call("CLUSTER", "COUNTKEYSINSLOT", importing));
        assertEquals(0L, b.call("CLUSTER", "COUNTKEYSINSLOT", stray));
    }

    @Test
    void aSlotTwoMastersClaimStaysWithTheOneWithMostKeys() throws Exception {
        String entryId = cluster.node(0).myId();
        List<Object[]> others = masters().stream().filter(m -> !((ClusterNode) m[1]).id().equals(entryId)).toList();
        RedisNode a = (RedisNode) others.get(0)[0];
        ClusterNode aSelf = (ClusterNode) others.get(0)[1];
        RedisNode b = (RedisNode) others.get(1)[0];
        ClusterNode bSelf = (ClusterNode) others.get(1)[1];
        int slot = slotWithKeys(a, aSelf);
        // b gets a key of the slot while it still can (importing, ASKING), to own with it later.
        String key = keyIn(slot, "fix-claimed:");
        assertEquals("OK", b.call("CLUSTER", "SETSLOT", slot, "IMPORTING", aSelf.id()));
        askingSet(b, key, "from-b");
        assertEquals("OK", b.call("CLUSTER", "SETSLOT", slot, "STABLE"));
        // Nodes that forgot each other (for 60 s) both claim the slot, and nobody settles it between them.
        assertEquals("OK", a.call("CLUSTER", "FORGET", bSelf.id()));
        assertEquals("OK", b.call("CLUSTER", "FORGET", aSelf.id()));
        assertEquals("OK", b.call("CLUSTER", "ADDSLOTS", slot));

        TribRunner.Result check = trib("check", e(), "--search-multiple-owners");
        assertEquals(ExitCodes.PROBLEMS, check.exitCode(), check.toString());
        assertTrue(check.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] Slot " + slot + " has 2 owners: ")),
                check.toString());

        TribRunner.Result r = trib("fix", e(), "--search-multiple-owners", "--yes");
        assertTrue(r.out().contains("Node " + a.hostPort() + " does not know " + b.hostPort())
                || r.out().contains("Node " + b.hostPort() + " does not know " + a.hostPort()), r.toString());
        assertTrue(r.out().contains("Slot " + slot + " is claimed by " + a.hostPort() + " and " + b.hostPort()
                + ": keep it on " + a.hostPort() + " (most keys) and move the others' keys there."), r.toString());
        assertRepaired(r);
        assertTrue(r.outLines().contains("[OK] No multiple owners found."), r.toString());
        assertEquals("from-b", a.call("GET", key));
        assertTrue(NodesParser.parse(a.callString("CLUSTER", "NODES")).myself().orElseThrow().slots().contains(slot));
    }

    @Test
    void aStateTribWillNotGuessAtIsReportedAndNothingChanges() throws Exception {
        RedisNode a = (RedisNode) masters().get(0)[0];
        ClusterNode aSelf = (ClusterNode) masters().get(0)[1];
        RedisNode b = (RedisNode) masters().get(1)[0];
        int slot = slotWithKeys(a, aSelf);
        // b gets a key of a's slot through ASKING, then a gives the slot up: nobody serves it, both hold keys.
        assertEquals("OK", b.call("CLUSTER", "SETSLOT", slot, "IMPORTING", aSelf.id()));
        String key = keyIn(slot, "fix-contested:");
        askingSet(b, key, "on-b");
        assertEquals("OK", b.call("CLUSTER", "SETSLOT", slot, "STABLE"));
        assertEquals("OK", a.call("CLUSTER", "DELSLOTS", slot));
        try {
            awaitReplicasInSync();
            Map<String, String> before = cluster.state();

            TribRunner.Result r = trib("fix", e(), "--yes");
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.err().contains("[ERR] Slot " + slot + " is served by nobody and 2 masters hold keys of it: "
                    + "trib will not guess which keys win."), r.toString());
            assertTrue(r.err().contains("Nothing was changed"), r.toString());
            assertEquals(before, cluster.state());
        } finally {
            // Settled by hand (the owner takes the slot back), fix moves b's key to it.
            assertEquals("OK", a.call("CLUSTER", "ADDSLOTS", slot));
        }
        TribRunner.Result fixed = trib("fix", e(), "--yes");
        assertRepaired(fixed);
        assertEquals("on-b", a.call("GET", key));
    }

    @Test
    void unreachableMastersAreRepairedAroundOnlyWhenAsked() {
        // Killing a master cannot be undone: a cluster of its own, three masters without replicas.
        try (TestCluster own = TestCluster.start(3, TestCluster.THREE_HOSTS).createWithRedisCli(0)) {
            RedisNode master = own.node(1);
            master.kill();
            Map<String, String> before = liveState(own);
            String entry = own.node(0).hostPort();

            TribRunner.Result refused = trib("fix", entry, "--yes");
            assertEquals(ExitCodes.UNREACHABLE, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("Masters cannot be reached: " + master.hostPort()), refused.toString());
            assertTrue(refused.err().contains("use --fix-with-unreachable-masters"), refused.toString());
            assertEquals(before, liveState(own));

            TribRunner.Result r = trib("fix", entry, "--yes", "--fix-with-unreachable-masters");
            assertTrue(r.out().contains(": assign to "), r.toString());
            assertTrue(r.outLines().contains("[OK] All 16384 slots covered."), r.toString());
            for (RedisNode n : own.nodes()) {
                if (n.alive()) {
                    assertEquals("16384", n.clusterInfo("cluster_slots_assigned"), n.hostPort());
                }
            }
        }
    }

    /** {@link TestCluster#state()} over the nodes still running. */
    private static Map<String, String> liveState(TestCluster c) {
        return new TestCluster(c.nodes().stream().filter(RedisNode::alive).toList()).state();
    }
}
