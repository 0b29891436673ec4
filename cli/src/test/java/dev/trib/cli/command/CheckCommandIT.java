package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.ClusterNode;
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
import java.util.List;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib check} and {@code trib info} on a cluster built by redis-cli, broken on purpose one way at a time.
 * Tests run in order on one cluster and put it back as they found it; the node kill comes last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestCluster cluster;
    private RedisNode entry;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        entry = cluster.node(0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private ClusterView view() {
        return NodesParser.parse(entry.callString("CLUSTER", "NODES"));
    }

    /**
     * Masters that serve slots. Another node may still list a fresh replica as a slot-less master until the
     * replica's next ping reaches it, so roles are taken from slot ownership here.
     */
    private List<ClusterNode> masters() {
        return view().masters().stream().filter(m -> !m.slots().isEmpty()).toList();
    }

    private RedisNode nodeOf(ClusterNode n) {
        return cluster.nodes().stream().filter(r -> r.port() == n.address().port()).findFirst().orElseThrow();
    }

    private JsonNode json(TribRunner.Result r) throws Exception {
        return JSON.readTree(r.out());
    }

    @Test
    @Order(1)
    void healthyClusterPassesWithRedisCliLines() throws Exception {
        TribRunner.Result r = trib("check", entry.hostPort(), "--search-multiple-owners");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        List<String> lines = r.outLines();
        assertTrue(lines.contains(">>> Performing Cluster Check (using node " + entry.hostPort() + ")"), r.toString());
        assertTrue(lines.contains("[OK] All nodes agree about slots configuration."), r.toString());
        assertTrue(lines.contains(">>> Check for open slots..."), r.toString());
        assertTrue(lines.contains("[OK] All 16384 slots covered."), r.toString());
        assertTrue(lines.contains("[OK] No multiple owners found."), r.toString());
        assertTrue(lines.contains("[OK] All 6 nodes reachable and healthy."), r.toString());
        assertTrue(lines.contains("[OK] 0 keys in 3 masters."), r.toString());
        assertEquals(3, lines.stream().filter(l -> l.startsWith("M: ")).count(), r.toString());
        assertEquals(3, lines.stream().filter(l -> l.startsWith("S: ")).count(), r.toString());

        TribRunner.Result j = trib("check", entry.hostPort(), "--json");
        assertEquals(ExitCodes.OK, j.exitCode(), j.toString());
        JsonNode doc = json(j);
        assertTrue(doc.get("healthy").asBoolean());
        assertEquals(16384, doc.get("slotsCovered").asInt());
        assertEquals(6, doc.get("nodes").size());
        assertEquals(0, doc.get("findings").size());
    }

    @Test
    @Order(2)
    void infoCountsKeysPerMaster() throws Exception {
        int written = 0;
        for (ClusterNode m : masters()) {
            RedisNode n = nodeOf(m);
            // Keys that hash to a slot this master serves.
            for (int i = 0; written < 30 && i < 10_000; i++) {
                String key = "k" + i;
                long slot = (Long) n.call("CLUSTER", "KEYSLOT", key);
                if (m.slots().contains((int) slot)) {
                    assertEquals("OK", n.call("SET", key, "v"));
                    written++;
                    if (written % 10 == 0) {
                        break;
                    }
                }
            }
        }
        assertEquals(30, written);
        TribRunner.Result r = trib("info", entry.hostPort());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains("[OK] 30 keys in 3 masters."), r.toString());
        assertTrue(r.outLines().contains("0.00 keys per slot on average."), r.toString());
        for (ClusterNode m : masters()) {
            String line = m.address().display() + " (" + m.id().substring(0, 8) + "...) -> 10 keys | "
                    + m.slots().size() + " slots | 1 slaves.";
            assertTrue(r.outLines().contains(line), "missing " + line + "\n" + r);
        }
        JsonNode doc = json(trib("info", entry.hostPort(), "--json"));
        assertEquals(30, doc.get("keys").asInt());
        assertEquals(3, doc.get("masters").size());
        entry.call("FLUSHALL");
        cluster.nodes().forEach(n -> n.call("FLUSHALL"));
    }

    @Test
    @Order(3)
    void openSlotsAreWarningsWithExitOne() throws Exception {
        ClusterNode source = masters().get(0);
        ClusterNode target = masters().get(1);
        int slot = source.slots().ranges().get(0).start();
        RedisNode src = nodeOf(source);
        RedisNode dst = nodeOf(target);
        assertEquals("OK", dst.call("CLUSTER", "SETSLOT", slot, "IMPORTING", source.id()));
        assertEquals("OK", src.call("CLUSTER", "SETSLOT", slot, "MIGRATING", target.id()));
        try {
            TribRunner.Result r = trib("check", entry.hostPort());
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.outLines().contains("[WARNING] Node " + src.hostPort() + " has slots in migrating state "
                    + slot + "."), r.toString());
            assertTrue(r.outLines().contains("[WARNING] Node " + dst.hostPort() + " has slots in importing state "
                    + slot + "."), r.toString());
            assertTrue(r.outLines().contains("[WARNING] The following slots are open: " + slot + "."), r.toString());
            assertTrue(r.outLines().contains("[OK] All 16384 slots covered."), r.toString());

            TribRunner.Result j = trib("check", entry.hostPort(), "--json");
            assertEquals(ExitCodes.PROBLEMS, j.exitCode());
            JsonNode doc = json(j);
            assertEquals(false, doc.get("healthy").asBoolean());
            assertEquals(1, doc.get("exitCode").asInt());
            boolean sawImporting = false;
            for (JsonNode f : doc.get("findings")) {
                if (f.get("kind").asText().equals("SLOT_IMPORTING")) {
                    sawImporting = true;
                    assertEquals(Integer.toString(slot), f.get("slots").asText());
                    assertEquals(target.id(), f.get("nodes").get(0).asText());
                    assertEquals("warning", f.get("severity").asText());
                }
            }
            assertTrue(sawImporting, j.out());
        } finally {
            src.call("CLUSTER", "SETSLOT", slot, "STABLE");
            dst.call("CLUSTER", "SETSLOT", slot, "STABLE");
        }
        assertEquals(ExitCodes.OK, trib("check", entry.hostPort()).exitCode());
    }

    @Test
    @Order(4)
    void aDeletedSlotIsReportedUncovered() throws Exception {
        ClusterNode owner = masters().get(2);
        int slot = owner.slots().ranges().get(0).start() + 7;
        RedisNode n = nodeOf(owner);
        assertEquals("OK", n.call("CLUSTER", "DELSLOTS", slot));
        try {
            TribRunner.Result r = trib("check", entry.hostPort());
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.outLines().contains("[ERR] Not all 16384 slots are covered by nodes."), r.toString());
            assertTrue(r.outLines().contains("   Uncovered slots: " + slot + " (1 slots)."), r.toString());
            JsonNode doc = json(trib("check", entry.hostPort(), "--json"));
            assertEquals(16383, doc.get("slotsCovered").asInt());
            boolean sawUncovered = false;
            for (JsonNode f : doc.get("findings")) {
                if (f.get("kind").asText().equals("SLOTS_UNCOVERED")) {
                    sawUncovered = true;
                    assertEquals(Integer.toString(slot), f.get("slots").asText());
                    assertEquals("error", f.get("severity").asText());
                }
            }
            assertTrue(sawUncovered, doc.toString());
        } finally {
            n.call("CLUSTER", "ADDSLOTS", slot);
        }
        Poll.until(Duration.ofSeconds(10), "check to pass again",
                () -> trib("check", entry.hostPort()).exitCode() == ExitCodes.OK);
    }

    @Test
    @Order(5)
    void anUnreachableEntryNodeExitsThree() {
        RedisNode spare = RedisFixture.start("127.0.0.1", true);
        String address = spare.hostPort();
        spare.close();
        TribRunner.Result r = trib("check", address);
        assertEquals(ExitCodes.UNREACHABLE, r.exitCode(), r.toString());
        assertEquals("[ERR] Could not connect to " + address + ": connection refused", r.err().trim());
        assertEquals("", r.out());
    }

    @Test
    @Order(6)
    void aNonClusterNodeIsRefused() {
        try (RedisNode plain = RedisFixture.start("127.0.0.1", false)) {
            TribRunner.Result r = trib("check", plain.hostPort());
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertEquals("[ERR] " + plain.hostPort() + " is not a cluster node (cluster-enabled no)", r.err().trim());
        }
    }

    @Test
    @Order(10)
    void aKilledNodeIsReportedUnreachable() throws Exception {
        ClusterNode replica = view().nodes().stream().filter(n -> n.slots().isEmpty()).findFirst().orElseThrow();
        RedisNode victim = nodeOf(replica);
        victim.kill();
        TribRunner.Result r = trib("check", entry.hostPort());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[ERR] Node " + victim.hostPort() + " (" + replica.id().substring(0, 8)
                + ") is unreachable: connection refused"), r.toString());
        JsonNode doc = json(trib("check", entry.hostPort(), "--json"));
        JsonNode unreachable = null;
        for (JsonNode f : doc.get("findings")) {
            if (f.get("kind").asText().equals("NODE_UNREACHABLE")) {
                unreachable = f;
            }
        }
        assertTrue(unreachable != null, doc.toString());
        assertEquals(replica.id(), unreachable.get("nodes").get(0).asText());
        for (JsonNode n : doc.get("nodes")) {
            if (n.get("id").asText().equals(replica.id())) {
                assertEquals(false, n.get("reachable").asBoolean());
            }
        }
    }
}
