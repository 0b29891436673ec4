package dev.trib.cli.command;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.Trib;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.planner.topology.ClusterNode;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The --json contract: on every path of every command (success, no-op, dry run, refusal, usage error, unreachable
 * cluster) stdout holds exactly one JSON document whose exitCode is the process's, an error document's error is
 * the [ERR] line on stderr, and a node has one shape everywhere. One redis-cli-built cluster (3 masters, 3
 * replicas, 1,000 keys) serves every case; the cases that change it run in order and leave it healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JsonContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Nothing listens here: the unreachable-cluster path. */
    private static final String NOWHERE = "127.0.0.1:1";

    private TestCluster cluster;
    private TestData data;
    private final List<RedisNode> spares = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        data = TestData.load(cluster, 1_000, 0);
    }

    @AfterAll
    void stop() {
        spares.forEach(RedisNode::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private String entry() {
        return cluster.node(0).hostPort();
    }

    private List<RedisNode> masters() {
        return cluster.nodes().stream().filter(n -> n.myself().isMaster() && !n.myself().slots().isEmpty()).toList();
    }

    private RedisNode replica() {
        return cluster.nodes().stream().filter(n -> n.myself().isReplica()).findFirst().orElseThrow();
    }

    private RedisNode spare() {
        RedisNode n = RedisFixture.start("127.0.0.1", true);
        spares.add(n);
        return n;
    }

    /**
     * Runs trib with --json added right after the subcommand (call sends whatever follows its command to the
     * nodes) and checks the contract; returns the one document.
     */
    private static JsonNode json(int expectedExit, String... args) {
        return json(new TribRunner(), expectedExit, args);
    }

    private static JsonNode json(TribRunner runner, int expectedExit, String... args) {
        int at = args[0].equals("sandbox") || args[0].equals("journal") ? 2 : 1;
        String[] withJson = Stream.of(List.of(args).subList(0, at), List.of("--json"),
                List.of(args).subList(at, args.length)).flatMap(List::stream).toArray(String[]::new);
        TribRunner.Result r = runner.run(withJson);
        assertEquals(expectedExit, r.exitCode(), r.toString());
        JsonNode doc;
        try (JsonParser p = JSON.getFactory().createParser(r.out())) {
            doc = JSON.readTree(p);
            assertNull(p.nextToken(), "exactly one document on stdout:\n" + r);
        } catch (java.io.IOException e) {
            throw new AssertionError("stdout is not one JSON document:\n" + r, e);
        }
        assertTrue(doc != null && doc.isObject(), r.toString());
        assertEquals(expectedExit, doc.path("exitCode").asInt(-1), "exitCode field:\n" + r);
        if (doc.has("error") && !doc.get("error").isNull()) {
            assertTrue(r.err().lines().anyMatch(l -> l.equals("[ERR] " + doc.get("error").asText())),
                    "the error is the [ERR] line on stderr:\n" + r);
        }
        return doc;
    }

    /** The fields every node description starts with, in this order. */
    private static void assertNodeShape(JsonNode n) {
        List<String> fields = new ArrayList<>();
        n.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "address", "role", "masterId"), fields.subList(0, 4), n.toString());
        assertEquals(40, n.get("id").asText().length(), n.toString());
        assertTrue(n.get("address").asText().matches("[0-9.]+:\\d+"), n.toString());
        assertTrue(Set.of("master", "replica").contains(n.get("role").asText()), n.toString());
        assertEquals(n.get("role").asText().equals("master"), n.get("masterId").isNull(), n.toString());
    }

    @Test
    @Order(1)
    void usageErrorsOfEveryCommand() {
        for (String sub : Trib.SUBCOMMANDS.keySet()) {
            if (sub.equals("completion")) {
                continue;
            }
            String[] args = sub.equals("sandbox") ? new String[] {"sandbox", "up", "--no-such-option"}
                    : sub.equals("journal") ? new String[] {"journal", "list", "--no-such-option"}
                    : sub.equals("daemon") ? new String[] {"daemon", "status", "--no-such-option"}
                    : new String[] {sub, "--no-such-option", entry()};
            JsonNode doc = json(ExitCodes.USAGE, args);
            assertEquals("Unknown option: '--no-such-option'", doc.get("error").asText());
        }
        assertEquals("--json prints one snapshot: add --once", json(ExitCodes.USAGE, "watch", entry())
                .get("error").asText());
    }

    @Test
    @Order(2)
    void anUnreachableClusterIsAnErrorDocumentForEveryCommandThatConnects() {
        String[][] runs = {
            {"create", NOWHERE, "127.0.0.1:2", "127.0.0.1:3", "--yes"}, {"check", NOWHERE}, {"info", NOWHERE}, {"doctor", NOWHERE},
            {"reshard", NOWHERE, "--from", "all", "--to", "abcd", "--slots", "1", "--yes"}, {"rebalance", NOWHERE},
            {"fix", NOWHERE}, {"import", NOWHERE, "--from", "127.0.0.1:2"}, {"backup", NOWHERE, tmp.resolve("b").toString()},
            {"add-node", "127.0.0.1:2", NOWHERE}, {"del-node", NOWHERE, "abcd"}, {"failover", NOWHERE, "--yes"},
            {"replace", "127.0.0.1:2", NOWHERE, "--yes"},
            {"call", NOWHERE, "PING"}, {"set-timeout", NOWHERE, "5000"}, {"watch", NOWHERE, "--once"},
            {"consistency-test", NOWHERE, "--duration", "1"},
        };
        Set<String> covered = new HashSet<>();
        for (String[] run : runs) {
            JsonNode doc = json(ExitCodes.UNREACHABLE, run);
            assertTrue(doc.get("error").asText().startsWith("Could not connect to 127.0.0.1:"), doc.toString());
            covered.add(run[0]);
        }
        Set<String> connecting = new HashSet<>(Trib.SUBCOMMANDS.keySet());
        connecting.removeAll(Set.of("completion", "sandbox", "journal", "daemon"));
        assertEquals(connecting, covered, "every command that connects is tried");
    }

    @Test
    @Order(2)
    void anErrorDocumentCarriesTheWarningsPrintedBeforeTheError() {
        JsonNode doc = json(ExitCodes.UNREACHABLE, "failover", NOWHERE, "--force", "--yes");
        assertEquals(List.of("--force: the master is not asked to stop; writes it had not replicated yet are lost."),
                texts(doc.get("warnings")));
        assertEquals(List.of(), texts(json(ExitCodes.UNREACHABLE, "failover", NOWHERE, "--yes").get("warnings")));
    }

    private static List<String> texts(JsonNode array) {
        assertTrue(array != null && array.isArray(), String.valueOf(array));
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    @Test
    @Order(3)
    void readOnlyCommands() {
        JsonNode check = json(ExitCodes.OK, "check", entry(), "--cluster-yes");
        assertTrue(check.get("healthy").asBoolean());
        check.get("nodes").forEach(JsonContractIT::assertNodeShape);

        JsonNode info = json(ExitCodes.OK, "info", entry());
        assertEquals(3, info.get("masters").size());
        assertEquals(3, info.get("replicas").size());
        assertEquals(1_000, info.get("keys").asLong());
        Set<String> replicaIds = new HashSet<>();
        info.get("replicas").forEach(r -> {
            assertNodeShape(r);
            replicaIds.add(r.get("id").asText());
        });
        // One shape for a node: "replicas" of a master are ids, in info as in check.
        info.get("masters").forEach(m -> {
            assertNodeShape(m);
            m.get("replicas").forEach(id -> assertTrue(replicaIds.contains(id.asText()), info.toString()));
        });

        // The fixture's nodes run without persistence: doctor warns about the masters, which is exit 1.
        JsonNode doctor = json(ExitCodes.PROBLEMS, "doctor", entry(), "--sample", "10");
        doctor.get("nodes").forEach(JsonContractIT::assertNodeShape);
        assertTrue(doctor.get("findings").findValuesAsText("kind").contains("PERSISTENCE_OFF"), doctor.toString());
        assertFalse(doctor.get("findings").findValuesAsText("severity").contains("error"), doctor.toString());
        assertEquals(10, doctor.get("sample").get("keysPerMaster").asInt());

        JsonNode call = json(ExitCodes.OK, "call", entry(), "PING");
        assertEquals(6, call.get("nodes").size());
        call.get("nodes").forEach(n -> {
            assertNodeShape(n);
            assertEquals("PONG", n.get("reply").asText());
        });
        assertEquals("--only-masters and --only-replicas exclude each other", json(ExitCodes.USAGE, "call", entry(),
                "--only-masters", "--only-replicas", "PING").get("error").asText());

        JsonNode watch = json(ExitCodes.OK, "watch", entry(), "--once");
        watch.get("nodes").forEach(JsonContractIT::assertNodeShape);

        JsonNode consistency = json(ExitCodes.OK, "consistency-test", entry(), "--duration", "1", "--keys", "10",
                "--prefix", "json-contract:");
        assertTrue(consistency.get("consistent").asBoolean());
    }

    @Test
    @Order(4)
    void reshardDryRunRefusalAbortAndRun() {
        RedisNode target = masters().get(0);
        String targetId = target.myId();
        JsonNode dry = json(ExitCodes.OK, "reshard", entry(), "--from", "all", "--to", targetId, "--slots", "10",
                "--dry-run");
        assertTrue(dry.get("dryRun").asBoolean());
        assertFalse(dry.get("changed").asBoolean());
        assertEquals(10, dry.get("plan").get("slotCount").asInt());
        dry.get("plan").get("moves").forEach(m -> {
            assertNodeShape(m.get("source"));
            assertNodeShape(m.get("target"));
            assertEquals(targetId, m.get("target").get("id").asText());
        });

        JsonNode planned = json(ExitCodes.OK, "reshard", entry(), "--from", "all", "--to", targetId, "--slots", "10",
                "--plan-out", tmp.resolve("plan.json").toString());
        assertEquals(tmp.resolve("plan.json").toString(), planned.get("planFile").asText());

        RedisNode replica = replica();
        JsonNode toReplica = json(ExitCodes.PROBLEMS, "reshard", entry(), "--from", "all", "--to", replica.myId(),
                "--slots", "10", "--yes");
        assertEquals("Node " + replica.hostPort() + " (" + replica.myId() + ") is a replica, not a master: --to "
                + "needs a master's ID.", toReplica.get("error").asText());

        // No answer to the confirmation: an error document, nothing moved.
        JsonNode aborted = json(ExitCodes.PROBLEMS, "reshard", entry(), "--from", "all", "--to", targetId, "--slots",
                "10", "--journal", tmp.resolve("aborted.journal").toString());
        assertEquals("Aborted: no slot was moved.", aborted.get("error").asText());

        int before = target.myself().slots().size();
        JsonNode run = json(ExitCodes.OK, "reshard", entry(), "--from", "all", "--to", targetId, "--slots", "10",
                "--yes", "--journal", tmp.resolve("reshard.journal").toString());
        assertEquals(10, run.get("slotsMoved").asInt());
        assertTrue(run.get("changed").asBoolean());
        assertEquals(before + 10, target.myself().slots().size());

        JsonNode resumed = json(ExitCodes.OK, "reshard", entry(), "--resume", "--journal",
                tmp.resolve("reshard.journal").toString());
        assertFalse(resumed.get("changed").asBoolean());
        assertEquals("journal finished", resumed.get("reason").asText());
    }

    @Test
    @Order(5)
    void rebalanceNoOpDryRunAndRefusal() {
        JsonNode noOp = json(ExitCodes.OK, "rebalance", entry(), "--cluster-yes");
        assertFalse(noOp.get("changed").asBoolean());
        assertTrue(noOp.get("reason").asText().startsWith("*** No rebalancing needed!"), noOp.toString());
        assertEquals(0, noOp.get("emptyMasters").size());

        String heavy = masters().get(1).myId();
        JsonNode dry = json(ExitCodes.OK, "rebalance", entry(), "--weight", heavy + "=2", "--dry-run");
        assertTrue(dry.get("dryRun").asBoolean());
        assertTrue(dry.get("plan").get("slotCount").asInt() > 1000, dry.toString());

        JsonNode unknown = json(ExitCodes.PROBLEMS, "rebalance", entry(), "--weight", "ffffffff=2");
        assertEquals("No master with ID ffffffff in the cluster.", unknown.get("error").asText());
    }

    @Test
    @Order(6)
    void createAbortAddNodeRebalanceHintAndDelNode() {
        List<RedisNode> fresh = List.of(spare(), spare(), spare());
        JsonNode aborted = json(ExitCodes.PROBLEMS, "create", fresh.get(0).hostPort(), fresh.get(1).hostPort(),
                fresh.get(2).hostPort());
        assertEquals("Aborted: no node was changed.", aborted.get("error").asText());
        JsonNode inUse = json(ExitCodes.PROBLEMS, "create", "--yes", cluster.node(0).hostPort(),
                cluster.node(1).hostPort(), cluster.node(2).hostPort());
        assertTrue(inUse.get("problems").size() >= 1, inUse.toString());

        RedisNode added = fresh.get(0);
        JsonNode add = json(ExitCodes.OK, "add-node", added.hostPort(), entry(), "--yes");
        assertEquals(added.myId(), add.get("added").get("id").asText());
        assertEquals("master", add.get("added").get("role").asText());
        assertEquals(ExitCodes.OK, add.get("check").get("exitCode").asInt());
        // Repeated: nothing to do (exit 0); asked as a replica now: a refusal document.
        JsonNode again = json(ExitCodes.OK, "add-node", added.hostPort(), entry());
        assertFalse(again.get("changed").asBoolean(), again.toString());
        assertEquals(added.myId(), again.get("added").get("id").asText());
        assertNodeShape(again.get("added"));
        JsonNode otherRole = json(ExitCodes.PROBLEMS, "add-node", added.hostPort(), entry(), "--replica");
        assertFalse(otherRole.get("error").asText().isEmpty());

        // A master without slots is left out of a rebalance: the no-op names it and the option that includes it.
        Poll.until(Duration.ofSeconds(20), "the new master known everywhere", () -> cluster.nodes().stream()
                .allMatch(n -> n.callString("CLUSTER", "NODES").contains(added.myId())));
        TribRunner.Result text = TribRunner.trib("rebalance", entry());
        assertEquals(ExitCodes.OK, text.exitCode(), text.toString());
        assertTrue(text.out().contains("[WARNING] Master " + added.hostPort() + " (" + added.myId().substring(0, 8)
                + ") holds no slots and was left out: add --use-empty-masters to give it its share."), text.toString());
        JsonNode hint = json(ExitCodes.OK, "rebalance", entry());
        assertEquals(added.myId(), hint.get("emptyMasters").get(0).get("id").asText());

        JsonNode refused = json(ExitCodes.PROBLEMS, "del-node", entry(), masters().get(0).myId());
        assertTrue(refused.get("error").asText().contains("is not empty"), refused.toString());
        JsonNode del = json(ExitCodes.OK, "del-node", entry(), added.myId(), "--cluster-yes");
        assertEquals(added.myId(), del.get("removed").get("id").asText());
        assertNodeShape(del.get("removed"));
    }

    @Test
    @Order(7)
    void fixNothingDryRunAndRepair() {
        JsonNode nothing = json(ExitCodes.OK, "fix", entry());
        assertFalse(nothing.get("changed").asBoolean());
        assertEquals(0, nothing.get("repairs").size());
        assertTrue(nothing.get("check").get("healthy").asBoolean());

        RedisNode owner = masters().get(0);
        RedisNode other = masters().get(1);
        int slot = owner.myself().slots().stream().findFirst().orElseThrow();
        owner.call("CLUSTER", "SETSLOT", slot, "MIGRATING", other.myId());
        JsonNode dry = json(ExitCodes.OK, "fix", entry(), "--dry-run");
        assertTrue(dry.get("dryRun").asBoolean());
        assertFalse(dry.get("changed").asBoolean());
        assertTrue(dry.get("repairs").size() >= 1, dry.toString());

        JsonNode fixed = json(ExitCodes.OK, "fix", entry(), "--yes");
        assertTrue(fixed.get("changed").asBoolean());
        assertEquals(dry.get("repairs"), fixed.get("repairs"));
        assertTrue(fixed.get("check").get("healthy").asBoolean());
    }

    @Test
    @Order(8)
    void failoverDryRunRunAndRepeat() {
        RedisNode replica = replica();
        Poll.until(Duration.ofSeconds(20), "replication link up",
                () -> replica.callString("INFO", "replication").contains("master_link_status:up"));
        String masterId = replica.myself().masterId().orElseThrow();
        JsonNode dry = json(ExitCodes.OK, "failover", replica.hostPort(), "--dry-run");
        assertTrue(dry.get("dryRun").asBoolean());
        assertFalse(dry.get("changed").asBoolean());
        assertEquals(replica.myId(), dry.get("promotions").get(0).get("replica").get("id").asText());
        assertEquals(masterId, dry.get("promotions").get(0).get("master").get("id").asText());
        assertNodeShape(dry.get("promotions").get(0).get("master"));

        JsonNode run = json(new TribRunner().env("REDISCLI_CLUSTER_YES", "1"), ExitCodes.OK, "failover",
                replica.hostPort());
        assertTrue(run.get("changed").asBoolean());
        run.get("nodes").forEach(JsonContractIT::assertNodeShape);
        assertTrue(replica.myself().isMaster());

        JsonNode repeat = json(ExitCodes.OK, "failover", replica.hostPort());
        assertFalse(repeat.get("changed").asBoolean());
        assertTrue(repeat.get("reason").asText().startsWith(replica.hostPort() + " is already a master"),
                repeat.toString());
        assertEquals("--demote and --host exclude each other", json(ExitCodes.USAGE, "failover", replica.hostPort(),
                "--demote", "--host", "127.0.0.1").get("error").asText());
    }

    /** The run itself is in ReplaceCommandIT; here its dry run and a refusal, on the shared cluster. */
    @Test
    @Order(8)
    void replaceDryRunAndRefusal() {
        RedisNode old = replica();
        RedisNode neu = spare();
        JsonNode dry = json(ExitCodes.OK, "replace", old.hostPort(), neu.hostPort(), "--dry-run");
        assertTrue(dry.get("dryRun").asBoolean());
        assertFalse(dry.get("changed").asBoolean());
        assertEquals("join", dry.get("startedAt").asText());
        assertEquals(3, dry.get("steps").size(), dry.toString());
        assertNodeShape(dry.get("old"));
        assertEquals(old.myId(), dry.get("old").get("id").asText());
        assertNodeShape(dry.get("new"));
        assertEquals(neu.myId(), dry.get("new").get("id").asText());
        assertEquals("1", neu.clusterInfo("cluster_known_nodes"), "a dry run changes nothing");
        assertEquals("OLD and NEW are the same node (" + old.hostPort() + ").", json(ExitCodes.PROBLEMS, "replace",
                old.hostPort(), old.hostPort(), "--yes").get("error").asText());
    }

    @Test
    @Order(9)
    void setTimeoutImportAndBackup() {
        JsonNode timeout = json(ExitCodes.PROBLEMS, "set-timeout", entry(), "5000", "--yes");
        assertEquals(6, timeout.get("notSaved").asInt());
        timeout.get("nodes").forEach(JsonContractIT::assertNodeShape);
        assertEquals("MS must be at least 100 (a smaller node timeout fails nodes over for nothing)",
                json(ExitCodes.USAGE, "set-timeout", entry(), "50").get("error").asText());

        RedisNode source = RedisFixture.start("127.0.0.1", false);
        spares.add(source);
        source.call("SET", "json-contract:imported", "v");
        JsonNode imported = json(ExitCodes.OK, "import", entry(), "--from", source.hostPort(), "--cluster-yes");
        assertEquals(1, imported.get("keysImported").asLong());
        JsonNode fromCluster = json(ExitCodes.PROBLEMS, "import", entry(), "--from", cluster.node(1).hostPort());
        assertFalse(fromCluster.get("error").asText().isEmpty());

        JsonNode backup = json(ExitCodes.OK, "backup", entry(), tmp.resolve("backup").toString(), "--yes");
        backup.get("nodes").forEach(JsonContractIT::assertNodeShape);
        assertEquals(List.of(), data.verify(cluster.node(0)), "every key still readable after all of the above");
    }

    @Test
    @Order(10)
    void everyCommandIsCoveredHere() {
        // A guard for new subcommands: extend the cases above when this list grows. (sandbox: its usage error here,
        // its document in SandboxCommandIT, which starts its own nodes; completion takes no --json; journal: its
        // usage error here, its documents in JournalIT.)
        // (replace: its document on each path in ReplaceCommandIT; daemon: its usage error here, its documents in
        // DaemonIT.)
        assertEquals(Set.of("create", "check", "info", "doctor", "reshard", "rebalance", "fix", "import", "backup", "add-node",
                "del-node", "failover", "replace", "call", "set-timeout", "consistency-test", "watch", "sandbox",
                "journal", "daemon", "completion"), Trib.SUBCOMMANDS.keySet());
    }
}
