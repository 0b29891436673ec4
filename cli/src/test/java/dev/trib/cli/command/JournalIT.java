package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.migrate.Journal;
import dev.trib.commands.migrate.MigrationOptions;
import dev.trib.planner.alloc.SlotMove;
import dev.trib.planner.topology.ClusterNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journals belong to their cluster: one of another cluster is refused in one line, a bare --resume with an address
 * skips it and finds this cluster's, "Resuming N of M" counts what is really left, a file of an unknown version is
 * refused in one line, and trib journal lists, shows and discards them. ~/.trib is a temporary directory here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JournalIT {
    private TestCluster cluster;
    private String home;

    @TempDir
    Path tmp;

    @BeforeAll
    void createCluster() {
        RedisFixture.assumeRedisCli();
        cluster = TestCluster.start(3, TestCluster.THREE_HOSTS).createWithRedisCli(0);
        home = System.getProperty("user.home");
    }

    @AfterAll
    void stop() {
        System.setProperty("user.home", home);
        if (cluster != null) {
            cluster.close();
        }
    }

    private String entry() {
        return cluster.node(0).hostPort();
    }

    private Map<String, ClusterNode> masters() {
        Map<String, ClusterNode> out = new TreeMap<>();
        cluster.nodes().forEach(n -> out.put(n.myId(), n.myself()));
        return out;
    }

    private static List<String> errors(TribRunner.Result r) {
        return r.err().lines().filter(l -> l.startsWith("[ERR]")).toList();
    }

    @Test
    @Order(1)
    void aJournalOfAnotherClusterIsRefusedInOneLine() {
        Path other = tmp.resolve("other.json");
        Journal.create(other, "reshard", "10.0.0.9:7000", List.of(new SlotMove(5, "a".repeat(40), "b".repeat(40))),
                List.of("a".repeat(40), "b".repeat(40)), MigrationOptions.defaults());
        Map<String, String> before = slotsAndOpenMarks();
        TribRunner.Result r = trib("reshard", entry(), "--resume", "--journal", other.toString());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertEquals(1, errors(r).size(), r.toString());
        assertTrue(errors(r).get(0).contains("Journal " + other + " belongs to another cluster (the one at "
                + "10.0.0.9:7000") && errors(r).get(0).contains("trib journal discard"), r.toString());
        assertEquals(before, slotsAndOpenMarks(), "nothing changed");
    }

    /** What a resume would change, per node; not the ping and pong times, which move on by themselves. */
    private Map<String, String> slotsAndOpenMarks() {
        Map<String, String> out = new TreeMap<>();
        masters().forEach((id, n) -> out.put(id, n.flags() + " " + n.slots() + " " + n.migrating() + " "
                + n.importing() + " " + n.configEpoch()));
        return out;
    }

    @Test
    @Order(2)
    void aFileOfAnUnknownVersionIsRefusedInOneLine() throws Exception {
        Path future = tmp.resolve("future.json");
        Files.writeString(future, "{\"version\": 99, \"kind\": \"reshard\", \"moves\": [], \"shards\": {}}");
        TribRunner.Result r = trib("reshard", entry(), "--resume", "--journal", future.toString());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertEquals(List.of("[ERR] Journal " + future + " has format version 99; this trib reads version "
                + Journal.VERSION + " only."), errors(r), r.toString());
        TribRunner.Result plan = trib("reshard", entry(), "--plan", future.toString(), "--yes");
        assertEquals(ExitCodes.PROBLEMS, plan.exitCode(), plan.toString());
        assertEquals(1, errors(plan).size(), plan.toString());
    }

    @Test
    @Order(3)
    void aBareResumeFindsThisClustersJournalAndCountsWhatIsReallyLeft() throws Exception {
        System.setProperty("user.home", tmp.resolve("home").toString());
        List<String> ids = new ArrayList<>(masters().keySet());
        String from = ids.get(0);
        String to = ids.get(1);
        int[] lowest = masters().get(from).slots().stream().limit(10).toArray();
        List<SlotMove> moves = new ArrayList<>();
        for (int slot : lowest) {
            moves.add(new SlotMove(slot, from, to));
        }
        // This cluster's journal, planned but never run; then a newer one of another cluster beside it.
        Path mine = Journal.defaultDirectory().resolve("reshard-20260101-000000-000.json");
        Journal.create(mine, "reshard", entry(), moves, ids, MigrationOptions.defaults());
        Journal.create(Journal.defaultDirectory().resolve("reshard-20990101-000000-000.json"), "reshard",
                "10.0.0.9:7000", List.of(new SlotMove(5, "a".repeat(40), "b".repeat(40))),
                List.of("a".repeat(40), "b".repeat(40)), MigrationOptions.defaults());
        // Four of its ten slots move by another way meanwhile (the same lowest slots of the source).
        TribRunner.Result part = trib("reshard", entry(), "--from", from, "--to", to, "--slots", "4", "--yes",
                "--journal", tmp.resolve("part.json").toString());
        assertEquals(ExitCodes.OK, part.exitCode(), part.toString());
        int before = masters().get(to).slots().size();

        TribRunner.Result list = trib("journal", "list");
        assertEquals(ExitCodes.OK, list.exitCode(), list.toString());
        assertEquals(2, list.outLines().size(), list.toString());
        assertTrue(list.out().contains(mine + "  reshard of the cluster at " + entry()) && list.out().contains(
                "0 of 10 slots moved"), list.toString());

        TribRunner.Result listJson = trib("journal", "list", "--json");
        assertEquals(ExitCodes.OK, listJson.exitCode(), listJson.toString());
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(listJson.out());
        assertEquals(2, doc.get("journals").size(), listJson.toString());
        assertEquals(10, doc.get("journals").get(1).get("slotMovesLeft").asInt(), listJson.toString());

        TribRunner.Result r = trib("reshard", entry(), "--resume");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Resuming 6 of 10 slot moves from " + mine), r.toString());
        assertEquals(before + 6, masters().get(to).slots().size());
        for (int slot : lowest) {
            assertTrue(masters().get(to).slots().contains(slot), "slot " + slot);
        }

        TribRunner.Result show = trib("journal", "show", "reshard-20990101-000000-000.json");
        assertEquals(ExitCodes.OK, show.exitCode(), show.toString());
        assertTrue(show.out().contains("1 slots, 1 left (5)") && show.out().contains("Resume with: trib reshard "
                + "10.0.0.9:7000 --resume --journal"), show.toString());
        TribRunner.Result discard = trib("journal", "discard", "reshard-20990101-000000-000.json");
        assertEquals(ExitCodes.OK, discard.exitCode(), discard.toString());
        assertTrue(discard.out().startsWith("[OK] Discarded "), discard.toString());
        TribRunner.Result empty = trib("journal", "list");
        assertTrue(empty.out().startsWith("No unfinished journal in "), empty.toString());
        assertEquals(1, trib("journal", "list", "--all").outLines().size());
        TribRunner.Result none = trib("reshard", "--resume");
        assertEquals(ExitCodes.PROBLEMS, none.exitCode(), none.toString());
        assertTrue(errors(none).get(0).contains("No unfinished reshard journal"), none.toString());
        assertFalse(Files.exists(Journal.defaultDirectory().resolve("reshard-20990101-000000-000.json")));
    }
}
