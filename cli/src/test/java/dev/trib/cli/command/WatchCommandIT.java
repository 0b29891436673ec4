package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TmuxScreen;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.KeySlot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib watch} against a real 6-node cluster: --once line by line for scripts, then the live screen in a real
 * terminal (tmux, read back with capture-pane) while a failover happens and while a node hangs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEYS = 300;
    /** Placeholders for what changes from run to run; everything else in a line is compared exactly. */
    private static final Pattern VARIABLE = Pattern.compile("\\{(n|mem|time|reason)}");
    private static final Map<String, String> VARIABLE_REGEX = Map.of("n", "\\d+", "mem", "[0-9.]+[BKMGTP]",
            "time", "\\d\\d:\\d\\d:\\d\\d", "reason", ".+");

    private TestCluster cluster;

    @TempDir
    Path tmp;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        // Keys on every master (and, once replicated, on every replica), so the key column is not all zeros.
        for (int i = 0; i < KEYS; i++) {
            String key = "watch:" + i;
            masterOf(KeySlot.of(key)).call("SET", key, "v");
        }
        for (RedisNode n : cluster.nodes()) {
            Poll.until(Duration.ofSeconds(30), "keys replicated to " + n.hostPort(),
                    () -> n.myself().isMaster() || keys(n) == keys(masterOf(n.myself().masterId().orElseThrow())));
        }
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static long keys(RedisNode n) {
        return (Long) n.call("DBSIZE");
    }

    private RedisNode masterOf(int slot) {
        return cluster.nodes().stream().filter(n -> n.myself().isMaster() && n.myself().slots().contains(slot))
                .findFirst().orElseThrow();
    }

    private RedisNode masterOf(String id) {
        return cluster.nodes().stream().filter(n -> n.myId().equals(id)).findFirst().orElseThrow();
    }

    private RedisNode replicaOf(RedisNode master) {
        String id = master.myId();
        return cluster.nodes().stream().filter(n -> n.myself().masterId().filter(id::equals).isPresent())
                .findFirst().orElseThrow();
    }

    private List<RedisNode> mastersInSlotOrder() {
        return cluster.nodes().stream().filter(n -> n.myself().isMaster())
                .sorted(Comparator.comparingInt(n -> n.myself().slots().ranges().get(0).start())).toList();
    }

    /** A line template as a regex for assertLinesMatch: literal text, {n} {mem} {time} {reason} placeholders. */
    private static String like(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        int from = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(from, m.start()))).append(VARIABLE_REGEX.get(m.group(1)));
            from = m.end();
        }
        return regex.append(Pattern.quote(template.substring(from))).toString();
    }

    private static String masterLine(char letter, RedisNode n) {
        ClusterNode s = n.myself();
        return letter + " M " + s.shortId() + " " + n.hostPort() + "  keys " + keys(n) + "  ops/s {n}  mem {mem}  ok"
                + "  slots " + s.slots() + " (" + s.slots().size() + ")";
    }

    private static String replicaLine(RedisNode n) {
        return "    S " + n.myself().shortId() + " " + n.hostPort() + "  keys " + keys(n) + "  ops/s {n}  mem {mem}  ok";
    }

    /** Every line of --once on a healthy cluster, in order; {@code bar} is the 64 cells between the brackets. */
    private List<String> expectedOnce(String bar, String openSlots) {
        List<RedisNode> masters = mastersInSlotOrder();
        List<String> expected = new ArrayList<>();
        expected.add(like("trib watch " + cluster.node(0).hostPort()
                + " | cluster_state ok | 3 masters, 3 replicas | {time}"));
        StringBuilder legend = new StringBuilder("      ");
        for (int i = 0; i < masters.size(); i++) {
            char letter = (char) ('A' + i);
            expected.add(like(masterLine(letter, masters.get(i))));
            expected.add(like(replicaLine(replicaOf(masters.get(i)))));
            legend.append(letter).append(' ').append(masters.get(i).hostPort()).append("  ");
        }
        expected.add(like("slots [" + bar + "]"));
        expected.add(like(legend + ". unserved  ! open"));
        expected.add(like("open slots: " + openSlots));
        expected.add(like("failures: none"));
        return expected;
    }

    private static final String EVEN_BAR = "A".repeat(21) + "B".repeat(22) + "C".repeat(21);

    @Test
    @Order(1)
    void onceListsEveryMasterWithItsReplicaThenTheSlotBar() {
        TribRunner.Result r = trib("watch", cluster.node(0).hostPort(), "--once");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertLinesMatch(expectedOnce(EVEN_BAR, "none"), r.outLines(), r.toString());
        assertTrue(r.out().indexOf('\u001B') < 0, "no escape codes for scripts: " + r);
        long total = mastersInSlotOrder().stream().mapToLong(WatchCommandIT::keys).sum();
        assertEquals(KEYS, total);
    }

    @Test
    @Order(2)
    void onceWithJsonIsTheSnapshotAsOneDocument() throws Exception {
        TribRunner.Result r = trib("watch", cluster.node(0).hostPort(), "--once", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        JsonNode doc = JSON.readTree(r.out());
        assertEquals(cluster.node(0).hostPort(), doc.get("entry").asText());
        assertEquals("ok", doc.get("clusterState").asText());
        assertEquals(6, doc.get("nodes").size(), r.toString());
        Map<String, JsonNode> byAddress = new HashMap<>();
        doc.get("nodes").forEach(n -> byAddress.put(n.get("address").asText(), n));
        for (RedisNode n : cluster.nodes()) {
            JsonNode j = byAddress.get(n.hostPort());
            assertNotNull(j, n.hostPort() + " in " + r);
            ClusterNode s = n.myself();
            assertEquals(s.id(), j.get("id").asText());
            assertEquals(s.isMaster() ? "master" : "replica", j.get("role").asText());
            assertEquals(s.slots().toString(), j.get("slots").asText());
            assertEquals(keys(n), j.get("keys").asLong());
            assertTrue(j.get("reachable").asBoolean() && j.get("failure").isNull(), j.toString());
            assertTrue(j.get("opsPerSecond").isIntegralNumber(), j.toString());
            assertTrue(j.get("memory").asText().matches(VARIABLE_REGEX.get("mem")), j.toString());
        }
        assertEquals(0, doc.get("openSlots").size(), r.toString());
    }

    @Test
    @Order(3)
    void refusesWhatCannotWork() {
        String entry = cluster.node(0).hostPort();
        TribRunner.Result live = trib("watch", entry); // the in-process runner has no terminal
        assertEquals(ExitCodes.USAGE, live.exitCode(), live.toString());
        assertTrue(live.err().contains("trib watch needs a terminal; use --once"), live.toString());
        TribRunner.Result json = trib("watch", entry, "--json");
        assertEquals(ExitCodes.USAGE, json.exitCode(), json.toString());
        assertTrue(json.err().contains("--json prints one snapshot: add --once"), json.toString());
        TribRunner.Result fast = trib("watch", entry, "--once", "--interval", "99");
        assertEquals(ExitCodes.USAGE, fast.exitCode(), fast.toString());
        assertTrue(fast.err().contains("--interval must be at least 100 ms"), fast.toString());
        for (List<String> args : List.of(List.of("--once"), List.of("--once", "--json"))) {
            List<String> all = new ArrayList<>(List.of("watch", "127.0.0.1:1"));
            all.addAll(args);
            TribRunner.Result down = trib(all.toArray(String[]::new));
            assertEquals(ExitCodes.UNREACHABLE, down.exitCode(), down.toString());
            // Without --json nothing on stdout; with it, the error document and nothing else (docs/json.md).
            assertEquals(args.contains("--json") ? "{\n  \"exitCode\" : 3,\n  \"error\" : \"Could not connect to "
                    + "127.0.0.1:1: connection refused\",\n  \"problems\" : [ \"Could not connect to 127.0.0.1:1: "
                    + "connection refused\" ],\n  \"warnings\" : [ ]\n}\n" : "", down.out(),
                    "stdout when the entry is down: " + down);
        }
        // Live, too: the first sample is taken before the screen, so a bad entry fails like any other command.
        TribRunner.Result liveDown = new TribRunner().terminal(true).run("watch", "127.0.0.1:1");
        assertEquals(ExitCodes.UNREACHABLE, liveDown.exitCode(), liveDown.toString());
    }

    @Test
    @Order(4)
    void anOpenSlotIsMarkedOnTheBarAndListed() {
        RedisNode source = masterOf(0);
        RedisNode target = masterOf(16383);
        try {
            assertEquals("OK", source.callString("CLUSTER", "SETSLOT", "0", "MIGRATING", target.myId()));
            TribRunner.Result r = trib("watch", cluster.node(0).hostPort(), "--once");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertLinesMatch(expectedOnce("!" + EVEN_BAR.substring(1), source.hostPort() + " migrating 0 (1)"),
                    r.outLines(), r.toString());
        } finally {
            source.callString("CLUSTER", "SETSLOT", "0", "STABLE");
        }
    }

    @Test
    @Order(5)
    void aHungNodeIsMarkedUnreachableAfterTheTimeout() {
        RedisNode replica = replicaOf(mastersInSlotOrder().get(1));
        String line = "    S " + replica.myself().shortId() + " " + replica.hostPort() + "  unreachable: ";
        replica.pause();
        try {
            long started = System.nanoTime();
            TribRunner.Result r = trib("watch", cluster.node(0).hostPort(), "--once", "--command-timeout", "500");
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith(line) && l.length() > line.length()),
                    line + " in " + r);
            assertTrue(r.outLines().contains("failures: " + replica.hostPort() + " unreachable"), r.toString());
            // Reading the hung node costs its timeouts (the loader retries once), not the default minute.
            assertTrue(tookMs < 10_000, "took " + tookMs + " ms: " + r);
        } finally {
            replica.resume();
        }
    }

    @Test
    @Order(6)
    void theLiveScreenShowsAFailoverAsItHappensAndQRestoresTheTerminal() throws Exception {
        TmuxScreen screen = TmuxScreen.start(tmp, "watch-failover", 140, 45, "watch", cluster.node(0).hostPort(),
                "--interval", "200");
        try {
            for (RedisNode n : cluster.nodes()) {
                String head = (n.myself().isMaster() ? " M " : "    S ") + n.myself().shortId() + " " + n.hostPort()
                        + "  keys ";
                screen.await("the screen to list " + n.hostPort(), s -> s.contains(head));
            }
            assertEquals("1", screen.tmux("display-message", "-p", "#{alternate_on}").strip(),
                    "the view is drawn on the alternate screen");
            RedisNode replica = replicaOf(mastersInSlotOrder().get(0));
            TribRunner.Result failover = trib("failover", replica.hostPort(), "--yes");
            assertEquals(ExitCodes.OK, failover.exitCode(), failover.toString());
            String promoted = " M " + replica.myself().shortId() + " " + replica.hostPort() + "  keys ";
            // On a terminal the mark is reverse video too: capture-pane -e keeps the attributes as escape codes.
            screen.awaitStyled("the promoted replica shown as a master, marked in reverse video", s -> s.lines()
                    .anyMatch(l -> l.contains(promoted) && l.contains("(was replica)") && l.contains("\u001B[7m")));
            screen.tmux("send-keys", "q");
            screen.awaitEnd(Duration.ofSeconds(15));
            assertEquals("0 restored", screen.result(), "exit code, and the tty settings as before");
        } finally {
            screen.close();
        }
    }

    @Test
    @Order(7)
    void aHungNodeDoesNotFreezeTheScreenAndCtrlCQuitsAtOnce() throws Exception {
        RedisNode replica = replicaOf(mastersInSlotOrder().get(2));
        // Default timeouts: a sampling that reaches the hung node takes seconds, far longer than the interval.
        TmuxScreen screen = TmuxScreen.start(tmp, "watch-hung", 140, 45, "watch", cluster.node(0).hostPort(),
                "--interval", "200");
        try {
            screen.await("the screen to list " + replica.hostPort(), s -> s.contains(replica.hostPort() + "  keys "));
            replica.pause();
            screen.await("the status line to say it is waiting", s -> s.contains("waiting for the nodes to answer ("));
            screen.tmux("send-keys", "C-c");
            // Well within the 5 s command timeout the sampling in flight is stuck on: quitting does not wait for it.
            screen.awaitEnd(Duration.ofSeconds(4));
            assertEquals("0 restored", screen.result(), "exit code, and the tty settings as before");
        } finally {
            replica.resume();
            screen.close();
        }
    }
}
