package dev.trib.cli.command;

import dev.trib.cli.DialogueRunner;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TmuxScreen;
import dev.trib.cli.prompt.Choice;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interactive reshard as a user meets it, on a real 3-master cluster with keys: the cluster is shown before
 * the first question, every kind of wrong answer is explained and asked again, nodes are named by ID, prefix or
 * address, and the end of input ends the dialogue with one line; on a real terminal (tmux), Tab lists and
 * completes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReshardDialogueIT {
    private static final String SLOTS_Q = "How many slots do you want to move (from 1 to 16384)? ";
    private static final String TARGET_Q = "What is the receiving node ID? ";
    private TestCluster cluster;

    @TempDir
    Path tmp;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        TestData.load(cluster, 3_000, 0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private ClusterView view() {
        return NodesParser.parse(cluster.node(0).callString("CLUSTER", "NODES"));
    }

    /** The masters that own slots (a replica just made by redis-cli can still look like an empty master). */
    private List<ClusterNode> masters() {
        return view().masters().stream().filter(m -> !m.slots().isEmpty()).toList();
    }

    private ClusterNode aReplica() {
        return view().nodes().stream().filter(ClusterNode::isReplica).findFirst().orElseThrow();
    }

    private Map<String, Integer> slotCounts() {
        Map<String, Integer> out = new TreeMap<>();
        masters().forEach(m -> out.put(m.id(), m.slots().size()));
        return out;
    }

    private RedisNode nodeAt(ClusterNode n) {
        return cluster.nodes().stream().filter(r -> r.port() == n.address().port()).findFirst().orElseThrow();
    }

    private String entry() {
        return cluster.node(0).hostPort();
    }

    @Test
    void theClusterIsShownThenEveryWrongAnswerIsExplainedAndAskedAgain() {
        List<ClusterNode> masters = masters();
        ClusterNode target = masters.get(0);
        ClusterNode source = masters.get(1);
        ClusterNode replica = aReplica();
        Map<String, Integer> before = slotCounts();
        String tooShort = target.id().substring(0, 3);
        List<String> table = new ArrayList<>();
        for (ClusterNode m : masters) {
            long keys = (Long) nodeAt(m).call("DBSIZE");
            table.add("  " + m.id() + " " + m.address().display() + "  " + m.slots().size() + " slots ["
                    + m.slots() + "]  " + String.format(Locale.ROOT, "%,d keys", keys) + "  1 replica");
        }
        DialogueRunner.Result r = new DialogueRunner().answers(
                "abc", "0", "20000", " 12 ",
                "ffffffff", replica.id(), tooShort, target.address().display(),
                "done", target.id().substring(0, 8), replica.id().substring(0, 6), source.id().substring(0, 6),
                source.id(), "all", "done",
                "yes").run("reshard", entry(), "--journal", tmp.resolve("wrong.json").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        List<String> expected = new ArrayList<>();
        expected.add(">>> Masters of the cluster at " + entry() + " (3):");
        expected.add(">> 3 >>"); // a line per master, checked below
        expected.addAll(List.of(
                SLOTS_Q + "abc",
                "*** 'abc' is not a number of slots: type a whole number from 1 to 16384.",
                SLOTS_Q + "0",
                "*** 0 is out of range: type a number from 1 to 16384.",
                SLOTS_Q + "20000",
                "*** 20000 is out of range: type a number from 1 to 16384.",
                SLOTS_Q + " 12 ",
                TARGET_Q + "ffffffff",
                "*** No master with ID ffffffff in the cluster.",
                TARGET_Q + replica.id(),
                "*** Node " + replica.address().display() + " (" + replica.id() + ") is a replica, not a master: "
                        + "the receiving node must be a master.",
                TARGET_Q + tooShort,
                "*** Node ID prefix " + tooShort + " is too short: give at least 4 characters of the ID, the whole "
                        + "ID, or the node's HOST:PORT.",
                TARGET_Q + target.address().display(),
                "Please enter all the source node IDs (or addresses).",
                "  Type 'all' to use all the nodes as source nodes for the hash slots.",
                "  Type 'done' once you entered all the source nodes IDs.",
                "Source node #1: done",
                "*** No source node yet: name at least one, or type 'all'.",
                "Source node #1: " + target.id().substring(0, 8),
                "*** " + target.address().display() + " (" + target.id() + ") is the receiving node: it cannot also "
                        + "be a source.",
                "Source node #1: " + replica.id().substring(0, 6),
                "*** Node " + replica.address().display() + " (" + replica.id() + ") is a replica, not a master: "
                        + "a source node must be a master.",
                "Source node #1: " + source.id().substring(0, 6),
                "Source node #2: " + source.id(),
                "*** " + source.address().display() + " (" + source.id() + ") is already source #1.",
                "Source node #2: all",
                "*** 'all' cannot follow named sources: type 'done' to use the 1 named, or name more.",
                "Source node #2: done",
                "Do you want to proceed with the proposed reshard plan? (type 'yes' to accept): yes",
                ">>>>"));
        assertLinesMatch(expected, r.transcriptLines(), r.toString());
        for (String line : table) {
            int at = r.transcriptLines().indexOf(line);
            assertTrue(at > 0 && at < 4, "shown before the first question: " + line + "\n" + r);
        }
        Map<String, Integer> after = slotCounts();
        assertEquals(before.get(target.id()) + 12, after.get(target.id()), r.toString());
        assertEquals(before.get(source.id()) - 12, after.get(source.id()), r.toString());
    }

    @Test
    void theEndOfInputEndsTheDialogueWithOneLineAndMovesNothing() {
        Map<String, Integer> before = slotCounts();
        DialogueRunner.Result r = new DialogueRunner().answers("12", "zzzz").run("reshard", entry());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        List<String> errLines = r.err().lines().filter(l -> l.startsWith("[ERR]")).toList();
        assertEquals(List.of("[ERR] Aborted: the input ended before 'What is the receiving node ID?' was answered; "
                + "nothing was moved."), errLines, r.toString());
        assertTrue(r.transcript().endsWith(TARGET_Q + "<end of input>\n" + errLines.get(0) + "\n"), r.toString());
        assertEquals(before, slotCounts());
    }

    @Test
    void addressesAreTakenForNodesAndACountTheSourcesCannotGiveIsAskedAgain() {
        List<ClusterNode> masters = masters();
        ClusterNode target = masters.get(0);
        ClusterNode source = masters.get(1);
        Map<String, Integer> before = slotCounts();
        int owned = source.slots().size();
        DialogueRunner.Result r = new DialogueRunner().answers("9000", target.address().display(),
                source.address().display(), "done", "5", "no").run("reshard", entry());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertLinesMatch(List.of(">>>>",
                "Source node #1: " + source.address().display(),
                "Source node #2: done",
                "*** The source nodes own " + owned + " slots, fewer than the 9000 asked for.",
                "How many slots do you want to move (from 1 to " + owned + ")? 5",
                "Do you want to proceed with the proposed reshard plan? (type 'yes' to accept): no",
                "[ERR] Aborted: no slot was moved."), r.transcriptLines(), r.toString());
        assertTrue(r.out().contains("5 slots from " + source.address().display() + " (" + source.shortId()
                + ") to " + target.address().display()), r.toString());
        assertEquals(before, slotCounts());

        // On the command line too, and nothing is asked then; a replica as the target is named as such.
        ClusterNode replica = aReplica();
        DialogueRunner.Result toReplica = new DialogueRunner().run("reshard", entry(), "--to", replica.id(),
                "--from", "all", "--slots", "3", "--yes");
        assertEquals(ExitCodes.PROBLEMS, toReplica.exitCode(), toReplica.toString());
        assertEquals("[ERR] Node " + replica.address().display() + " (" + replica.id() + ") is a replica, not a "
                + "master: --to needs a master's ID.", toReplica.err().trim());
        DialogueRunner.Result dry = new DialogueRunner().run("reshard", entry(), "--to",
                target.address().display(), "--from", source.address().display(), "--slots", "3", "--dry-run");
        assertEquals(ExitCodes.OK, dry.exitCode(), dry.toString());
        assertEquals("", dry.transcript(), dry.toString());
        assertEquals(3, dry.out().lines().filter(l -> l.startsWith("Moving slot ") && l.endsWith(" from "
                + source.id() + " to " + target.id())).count(), dry.toString());
    }

    @Test
    void completionOffersEveryMasterByIdWithItsAddressAndTheSourcesAllButTheTarget() {
        List<ClusterNode> masters = masters();
        ClusterNode target = masters.get(2);
        DialogueRunner.Result r = new DialogueRunner().answers("1", target.id(), "all", "no")
                .run("reshard", entry());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        Set<Choice> targets = Set.copyOf(r.choices().get(TARGET_Q));
        assertEquals(masters.stream().map(m -> new Choice(m.id(), m.address().display(),
                m.address().display() + ", " + m.slots().size() + " slots")).collect(Collectors.toSet()), targets,
                r.toString());
        Set<String> sources = r.choices().get("Source node #1: ").stream().map(Choice::value)
                .collect(Collectors.toSet());
        Set<String> expected = new HashSet<>(masters.stream().map(ClusterNode::id)
                .filter(id -> !id.equals(target.id())).toList());
        expected.addAll(List.of("all", "done"));
        assertEquals(expected, sources, r.toString());
    }

    /** The same dialogue on a real terminal: Tab lists every master with its address and completes prefixes. */
    @Test
    void onATerminalTabListsTheMastersWithTheirAddressesAndCompletesAPrefixOrAnAddress() throws Exception {
        List<ClusterNode> masters = masters();
        ClusterNode target = masters.get(1);
        ClusterNode source = masters.get(2);
        Map<String, Integer> before = slotCounts();
        try (TmuxScreen screen = TmuxScreen.start(tmp, "reshard", 200, 50, "reshard", entry(), "--journal",
                tmp.resolve("terminal.json").toString())) {
            screen.await("the masters, then the first question", t -> t.contains(SLOTS_Q.trim())
                    && masters.stream().allMatch(m -> t.contains(m.id())
                    && t.indexOf(m.id()) < t.indexOf(SLOTS_Q.trim())));
            screen.type("7", "Enter");
            screen.await("the receiving node question", t -> t.contains(TARGET_Q.trim()));
            screen.type("Tab");
            screen.await("every master listed by ID with its address", t -> masters.stream().allMatch(m ->
                    t.contains(m.id() + " (" + m.address().display() + ", " + m.slots().size() + " slots)")));
            screen.type(target.id().substring(0, 5), "Tab");
            screen.await("the prefix completed to the whole ID", t -> t.contains(TARGET_Q + target.id()));
            screen.type("Enter");
            screen.await("the first source question", t -> t.contains("Source node #1:"));
            String address = source.address().display();
            screen.type(address.substring(0, address.length() - 1), "Tab");
            screen.await("the address completed", t -> t.contains("Source node #1: " + address));
            screen.type("Enter");
            screen.await("the second source question", t -> t.contains("Source node #2:"));
            screen.type("done", "Enter");
            screen.await("the plan and the confirmation", t -> t.contains("type 'yes' to accept"));
            screen.type("yes", "Enter");
            assertEquals("0 restored", screen.result(), "exit code, and the tty settings as before");
        }
        Map<String, Integer> after = slotCounts();
        assertEquals(before.get(target.id()) + 7, after.get(target.id()));
        assertEquals(before.get(source.id()) - 7, after.get(source.id()));
    }
}
