package dev.trib.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.doctor.Sizes;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.KeySlot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trib doctor} on a redis-cli-built cluster (3 masters, 3 replicas on three loopback hosts, node timeout
 * 3000 ms), each condition of issue 18 made for real one at a time and put back; the replica kill comes last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fixture starts nodes without persistence; a healthy cluster here has RDB snapshots on. */
    private static final String SAVE = "3600 1";
    private TestCluster cluster;
    private RedisNode entry;

    @BeforeAll
    void createCluster() {
        cluster = TestCluster.sixNodesByRedisCli();
        entry = cluster.node(0);
        cluster.nodes().forEach(n -> assertEquals("OK", n.call("CONFIG", "SET", "save", SAVE)));
        cluster.awaitReplicasInSync();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private List<RedisNode> masters() {
        return cluster.nodes().stream().filter(n -> n.alive() && n.myself().isMaster()).toList();
    }

    private RedisNode replicaOf(RedisNode master) {
        String id = master.myId();
        return cluster.nodes().stream().filter(n -> n.alive() && n.myself().masterId().filter(id::equals).isPresent())
                .findFirst().orElseThrow();
    }


    private static JsonNode json(TribRunner.Result r) throws Exception {
        return JSON.readTree(r.out());
    }

    private static String line(TribRunner.Result r, Predicate<String> which) {
        return r.outLines().stream().filter(which).findFirst().orElseThrow(() -> new AssertionError("no such line:\n"
                + r));
    }

    /** The kinds of the findings with this severity in the document. */
    private static List<String> kinds(JsonNode doc, String severity) {
        List<String> out = new ArrayList<>();
        doc.get("findings").forEach(f -> {
            if (f.get("severity").asText().equals(severity)) {
                out.add(f.get("kind").asText());
            }
        });
        return out;
    }

    private void configSetEverywhere(String name, String value) {
        cluster.nodes().stream().filter(RedisNode::alive)
                .forEach(n -> assertEquals("OK", n.call("CONFIG", "SET", name, value), n + " " + name));
    }

    @Test
    @Order(1)
    void aHealthyClusterExitsZero() throws Exception {
        TribRunner.Result r = trib("doctor", entry.hostPort());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        List<String> lines = r.outLines();
        assertEquals(">>> Doctor: 6 nodes (3 masters, 3 replicas) via " + entry.hostPort(), lines.get(0), r.toString());
        for (String ok : List.of("[OK] Every node reachable and read.", "[OK] Every node runs 7.0.15.",
                "[OK] The settings that should agree do.", "[OK] No master with replicas runs without persistence.",
                "[OK] Every master has a reachable replica with a live link, on another host.",
                "[OK] No key found whose move would block too long or exceed a limit.",
                "[OK] No missing permission found.", "[INFO] Sized every key (0) on 3 masters.",
                "[OK] No problems found.")) {
            assertTrue(lines.contains(ok), "missing " + ok + "\n" + r);
        }
        assertTrue(line(r, l -> l.startsWith("[INFO] User")).startsWith("[INFO] User 'default' may run every trib "
                + "operation (ACL DRYRUN on 6 nodes ("), r.toString());
        assertFalse(r.out().contains("[WARNING]") || r.out().contains("[ERR]"), r.toString());

        TribRunner.Result j = trib("doctor", entry.hostPort(), "--json");
        assertEquals(ExitCodes.OK, j.exitCode(), j.toString());
        JsonNode doc = json(j);
        assertEquals(0, doc.get("exitCode").asInt());
        assertTrue(doc.get("clean").asBoolean());
        assertEquals(6, doc.get("nodes").size());
        assertEquals(List.of(), kinds(doc, "warning"));
        assertEquals(List.of(), kinds(doc, "error"));
        assertEquals(1000, doc.get("sample").get("keysPerMaster").asInt());
        assertEquals("default", doc.get("permissions").get("user").asText());
        doc.get("permissions").get("operations").forEach(op -> assertTrue(op.get("allowed").asBoolean(), op.toString()));
        doc.get("nodes").forEach(n -> assertEquals("7.0.15", n.get("version").asText()));
    }

    @Test
    @Order(2)
    void aNodeWithAnotherTimeoutIsNamed() throws Exception {
        RedisNode odd = replicaOf(masters().get(0));
        assertEquals("OK", odd.call("CONFIG", "SET", "cluster-node-timeout", "3100"));
        try {
            TribRunner.Result r = trib("doctor", entry.hostPort());
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            String warning = line(r, l -> l.startsWith("[WARNING] cluster-node-timeout differs: "));
            assertTrue(warning.startsWith("[WARNING] cluster-node-timeout differs: '3000' on 5 nodes (127.0.0.1:")
                    && warning.endsWith("), '3100' on " + odd.hostPort() + "."), r.toString());
            assertTrue(r.outLines().contains("    Set one value on every node, e.g. trib set-timeout HOST:PORT 3000."),
                    r.toString());
            assertTrue(r.outLines().contains("[WARNING] 0 errors, 1 warning."), r.toString());

            JsonNode doc = json(trib("doctor", entry.hostPort(), "--json"));
            assertEquals(1, doc.get("exitCode").asInt());
            assertEquals(List.of("SETTING_DIFFERS"), kinds(doc, "warning"));
            assertEquals(odd.myId(), doc.get("findings").get(0).get("nodes").get(0).asText());
        } finally {
            odd.call("CONFIG", "SET", "cluster-node-timeout", "3000");
        }
    }

    @Test
    @Order(3)
    void aMasterWithoutPersistence() throws Exception {
        RedisNode master = masters().get(1);
        assertEquals("OK", master.call("CONFIG", "SET", "save", ""));
        try {
            TribRunner.Result r = trib("doctor", entry.hostPort());
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.outLines().contains("[WARNING] Master " + master.label() + " has persistence off (appendonly "
                    + "no, save \"\") and replicas: restarted before a failover, a master comes back empty and its "
                    + "replicas resync to empty."), r.toString());
            assertEquals(List.of("PERSISTENCE_OFF"), kinds(json(trib("doctor", entry.hostPort(), "--json")),
                    "warning"));
        } finally {
            master.call("CONFIG", "SET", "save", SAVE);
        }
    }

    @Test
    @Order(4)
    void memoryHeadroomOfAMasterAndOfAReplica() throws Exception {
        RedisNode master = masters().get(2);
        RedisNode replica = replicaOf(master);
        long used = Long.parseLong(master.info("memory", "used_memory"));
        // Just above use: more than 80% of it is used whatever the few KB the node allocates meanwhile.
        assertEquals("OK", master.call("CONFIG", "SET", "maxmemory", Long.toString(used + used / 10)));
        assertEquals("OK", replica.call("CONFIG", "SET", "maxmemory", Long.toString(used / 2)));
        try {
            TribRunner.Result r = trib("doctor", entry.hostPort());
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(line(r, l -> l.startsWith("[WARNING] Master " + master.label() + " uses "))
                    .matches(".* uses (8\\d|9\\d|1\\d\\d)% of its maxmemory \\(.* MB of .* MB\\)\\."), r.toString());
            assertTrue(line(r, l -> l.startsWith("[WARNING] Replica " + replica.label() + " has maxmemory "))
                    .endsWith(" its master " + master.label() + " uses: promoted, it evicts or refuses writes at once."),
                    r.toString());
            assertEquals(List.of("MEMORY_HIGH", "REPLICA_MAXMEMORY_LOW"),
                    kinds(json(trib("doctor", entry.hostPort(), "--json")), "warning"));
        } finally {
            master.call("CONFIG", "SET", "maxmemory", "0");
            replica.call("CONFIG", "SET", "maxmemory", "0");
        }
    }


    /** A key name of this master's slots. */
    private static String keyOn(RedisNode master, String prefix) {
        ClusterNode self = master.myself();
        for (int i = 0; ; i++) {
            String k = prefix + i;
            if (self.slots().contains(KeySlot.of(k))) {
                return k;
            }
        }
    }

    @Test
    @Order(5)
    void bigKeysThatWouldBlockOrExceedLimits() throws Exception {
        RedisNode master = masters().get(0);
        String string = keyOn(master, "doctor:string:");
        String hash = keyOn(master, "doctor:hash:");
        assertEquals(4L * 1024 * 1024, (Long) master.call("SETRANGE", string, 4 * 1024 * 1024 - 1, "x"));
        List<Object> hset = new ArrayList<>(List.of("HSET", hash));
        for (int i = 0; i < 60_000; i++) {
            hset.add("field:" + i);
            hset.add("value-value-value:" + i);
        }
        assertEquals(60_000L, master.call(hset.toArray()));
        cluster.awaitReplicasInSync();
        // MEMORY USAGE counts the allocation (5 MB for this 4 MB string): messages show what the node says.
        String size = Sizes.bytes((Long) master.call("MEMORY", "USAGE", string));
        try {
            // 1 MB/s: a 4 MB key blocks its master about 4 s, more than half the 3000 ms node timeout.
            TribRunner.Result r = trib("doctor", entry.hostPort(), "--transfer-rate", "1");
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            String blocks = line(r, l -> l.startsWith("[WARNING] Key '" + string + "'"));
            assertTrue(blocks.startsWith("[WARNING] Key '" + string + "' (" + size + ", slot " + KeySlot.of(string) + ") on "
                    + master.hostPort() + ": moving it would block its master about ")
                    && blocks.endsWith(", more than half the cluster-node-timeout (3000 ms)."), r.toString());
            assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("[WARNING] Key '" + hash + "' (")
                    && l.contains("more than half the cluster-node-timeout")), r.toString());
            assertTrue(r.outLines().contains("[INFO] Sized every key (2) on 3 masters; the largest: Key '" + string
                    + "' (" + size + ", slot " + KeySlot.of(string) + ") on " + master.hostPort() + "."), r.toString());
            // A sample smaller than the keyspace says so.
            assertTrue(trib("doctor", entry.hostPort(), "--sample", "1").outLines().stream().anyMatch(l -> l.startsWith(
                    "[INFO] Sized a sample of 1 key on 3 masters; the largest: Key 'doctor:")), r.toString());
            // At the default rate these keys are no danger.
            assertEquals(ExitCodes.OK, trib("doctor", entry.hostPort()).exitCode());

            // Limits lowered on every node (so they still agree): a 4 MB key exceeds both.
            configSetEverywhere("proto-max-bulk-len", "1048576");
            configSetEverywhere("client-output-buffer-limit", "replica 1048576 1048576 60");
            TribRunner.Result limits = trib("doctor", entry.hostPort(), "--json");
            assertEquals(ExitCodes.PROBLEMS, limits.exitCode(), limits.toString());
            JsonNode doc = json(limits);
            assertEquals(List.of("BIG_KEY_OVER_BULK_LIMIT", "BIG_KEY_OVER_REPLICA_BUFFER", "BIG_KEY_OVER_BULK_LIMIT",
                    "BIG_KEY_OVER_REPLICA_BUFFER"), kinds(doc, "warning"));
            String message = doc.get("findings").get(1).get("message").asText();
            assertTrue(message.startsWith("Key '" + string + "' (" + size + ", slot " + KeySlot.of(string) + ") on "
                    + master.hostPort() + " is larger than proto-max-bulk-len (1.0 MB) on "), message);
            JsonNode biggest = doc.get("bigKeys").get(0);
            assertEquals(string, biggest.get("key").asText());
            assertEquals(master.myId(), biggest.get("masterId").asText());
            assertTrue(biggest.get("bytes").asLong() >= 4L * 1024 * 1024, biggest.toString());
        } finally {
            configSetEverywhere("proto-max-bulk-len", "536870912");
            configSetEverywhere("client-output-buffer-limit", "replica 268435456 67108864 60");
            master.call("DEL", string, hash);
        }
    }

    @Test
    @Order(6)
    void permissionsOfAUserWithReadRightsOnly() throws Exception {
        cluster.nodes().forEach(n -> assertEquals("OK", n.call("ACL", "SETUSER", "ro", "on", ">ro-secret", "~*",
                "+@read", "+cluster|nodes", "+cluster|info", "+info", "+dbsize", "+config|get", "+scan",
                "+memory|usage")));
        try {
            TribRunner.Result r = trib("doctor", entry.hostPort(), "--acl-user", "ro");
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            List<String> missing = r.outLines().stream().filter(l -> l.startsWith("[WARNING] User 'ro'"))
                    .map(l -> l.substring(0, l.indexOf(" on 6 nodes ("))).toList();
            assertEquals(List.of(
                    "[WARNING] User 'ro' may not run reshard/rebalance: no permission for CLUSTER SETSLOT, CLUSTER "
                            + "GETKEYSINSLOT, CLUSTER COUNTKEYSINSLOT, MIGRATE, SELECT, RESTORE-ASKING, ASKING",
                    "[WARNING] User 'ro' may not run fix: no permission for CLUSTER SETSLOT, CLUSTER GETKEYSINSLOT, "
                            + "CLUSTER COUNTKEYSINSLOT, MIGRATE, SELECT, RESTORE-ASKING, ASKING, CLUSTER ADDSLOTS, "
                            + "CLUSTER DELSLOTS, CLUSTER BUMPEPOCH, MULTI, EXEC",
                    "[WARNING] User 'ro' may not run failover: no permission for CLUSTER FAILOVER",
                    "[WARNING] User 'ro' may not run add-node/del-node: no permission for CLUSTER MEET, CLUSTER "
                            + "REPLICATE, CLUSTER FORGET, CLUSTER RESET",
                    "[WARNING] User 'ro' may not run import: no permission for SELECT, RESTORE",
                    "[WARNING] User 'ro' may not run backup: no permission for SYNC",
                    "[WARNING] User 'ro' may not run set-timeout: no permission for CONFIG SET, CONFIG REWRITE"), missing, r.toString());
            assertTrue(line(r, l -> l.startsWith("[INFO] User 'ro' may run ")).startsWith("[INFO] User 'ro' may run "
                    + "check (ACL DRYRUN on 6 nodes ("), r.toString());
            assertTrue(r.outLines().contains("    Grant them on every node (ACL SETUSER ro +sync, then ACL SAVE or "
                    + "CONFIG REWRITE), or run it as another user."), r.toString());
            JsonNode doc = json(trib("doctor", entry.hostPort(), "--acl-user", "ro", "--json"));
            JsonNode check = doc.get("permissions").get("operations").get(0);
            assertEquals("check", check.get("operation").asText());
            assertTrue(check.get("allowed").asBoolean());
            assertFalse(doc.get("permissions").get("operations").get(1).get("allowed").asBoolean());

            // Connected as ro itself: it may read everything doctor reads, but not ask ACL DRYRUN.
            TribRunner.Result self = trib("doctor", entry.hostPort(), "--user", "ro", "-a", "ro-secret",
                    "--no-auth-warning");
            assertEquals(ExitCodes.OK, self.exitCode(), self.toString());
            assertTrue(line(self, l -> l.startsWith("[INFO] Permissions of user 'ro' not checked on 6 nodes ("))
                    .endsWith("): NOPERM this user has no permissions to run the 'acl|dryrun' command."),
                    self.toString());
            assertTrue(self.outLines().contains("    Run doctor as an administrator with --acl-user ro."),
                    self.toString());

            // A user that may not run CONFIG GET: what it could not read is a warning per node, the rest is judged.
            cluster.nodes().forEach(n -> n.call("ACL", "SETUSER", "ro", "-config|get"));
            TribRunner.Result blind = trib("doctor", entry.hostPort(), "--user", "ro", "-a", "ro-secret",
                    "--no-auth-warning");
            assertEquals(ExitCodes.PROBLEMS, blind.exitCode(), blind.toString());
            assertTrue(blind.outLines().contains("[WARNING] Could not read everything from " + entry.label()
                    + ": CONFIG GET: NOPERM this user has no permissions to run the 'config|get' command."),
                    blind.toString());
            assertEquals(6, blind.outLines().stream().filter(l -> l.startsWith("[WARNING] Could not read")).count(),
                    blind.toString());
        } finally {
            cluster.nodes().forEach(n -> n.call("ACL", "DELUSER", "ro"));
        }
    }

    /** docs/security.md's operator rules (proven by AclRulesIT to run the changing commands) pass doctor's table. */
    @Test
    @Order(6)
    void theDocumentedOperatorRulesRunEveryChangingOperation() {
        List<Object> setUser = new ArrayList<>(List.of("ACL", "SETUSER"));
        setUser.addAll(AclRulesContract.OPERATOR);
        cluster.nodes().forEach(n -> assertEquals("OK", n.call(setUser.toArray())));
        try {
            TribRunner.Result r = trib("doctor", entry.hostPort(), "--acl-user", "operator");
            assertEquals(List.of("[WARNING] User 'operator' may not run backup: no permission for CONFIG GET, SYNC"),
                    r.outLines().stream().filter(l -> l.startsWith("[WARNING] User "))
                            .map(l -> l.substring(0, l.indexOf(" on 6 nodes ("))).toList(), r.toString());
            assertTrue(line(r, l -> l.startsWith("[INFO] User 'operator' may run ")).startsWith("[INFO] User "
                    + "'operator' may run check, reshard/rebalance, fix, failover, add-node/del-node, import, "
                    + "set-timeout (ACL DRYRUN on 6 nodes ("), r.toString());
        } finally {
            cluster.nodes().forEach(n -> n.call("ACL", "DELUSER", "operator"));
        }
    }

    @Test
    @Order(7)
    void aReplicaOnItsMastersHost() throws Exception {
        RedisNode master = masters().get(0);
        RedisNode spare = RedisFixture.start(master.ip(), true);
        try {
            TribRunner.Result add = trib("add-node", spare.hostPort(), entry.hostPort(), "--replica", "--master-id",
                    master.myId(), "--yes");
            assertEquals(ExitCodes.OK, add.exitCode(), add.toString());
            Poll.until(Duration.ofSeconds(30), "the new replica known to the entry", () -> entry.callString("CLUSTER",
                    "NODES").lines().anyMatch(l -> l.startsWith(spare.myId()) && l.contains("slave")));
            TribRunner.Result r = trib("doctor", entry.hostPort());
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.outLines().contains("[WARNING] Replica " + spare.label() + " runs on the same host as its master "
                    + master.label() + ": one host failure loses both."), r.toString());
            assertEquals(ExitCodes.OK, trib("del-node", entry.hostPort(), spare.myId(), "--yes").exitCode());
        } finally {
            spare.close();
        }
    }

    /** A hung node (SIGSTOP) costs the reply timeout (5 s by default here), not a minute, and is reported. */
    @Test
    @Order(8)
    void aHungReplicaIsReportedWithinTheReplyTimeout() {
        RedisNode replica = replicaOf(masters().get(0));
        String replicaLabel = replica.label();
        replica.pause();
        try {
            long start = System.nanoTime();
            TribRunner.Result r = trib("doctor", entry.hostPort());
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(line(r, l -> l.startsWith("[ERR] Replica ")).startsWith("[ERR] Replica " + replicaLabel
                    + " is unreachable: "), r.toString());
            assertTrue(seconds < 30, seconds + " s\n" + r);
        } finally {
            replica.resume();
        }
        Poll.until(Duration.ofSeconds(30), "the replica back in sync", () -> trib("doctor", entry.hostPort())
                .exitCode() == ExitCodes.OK);
    }

    /** A replica that stops acknowledging (stopped, not dead: its master still lists it online) is lagging. */
    @Test
    @Order(8)
    void aReplicaThatStopsAcknowledgingIsLagging() throws Exception {
        RedisNode master = masters().get(0);
        RedisNode replica = replicaOf(master);
        String expected = replica.label() + " of " + master.label(); // asked before the replica stops answering
        replica.pause();
        try {
            Poll.until(Duration.ofSeconds(40), "the master to see the replica's acknowledgements stop for 10 s", () ->
                    java.util.regex.Pattern.compile("port=" + replica.port() + ",state=online,offset=\\d+,lag=(1\\d|[2-9]\\d)")
                            .matcher(master.callString("INFO", "replication")).find());
            JsonNode doc = json(trib("doctor", entry.hostPort(), "--json"));
            assertTrue(kinds(doc, "warning").contains("REPLICA_LAGGING"), doc.toString());
            List<String> messages = doc.get("findings").findValuesAsText("message");
            assertTrue(messages.stream().anyMatch(m -> m.matches("Replica " + java.util.regex.Pattern.quote(
                    expected) + " has not acknowledged for \\d+ s\\.")), doc.toString());
        } finally {
            replica.resume();
        }
        Poll.until(Duration.ofSeconds(30), "the replica acknowledging again", () -> trib("doctor", entry.hostPort())
                .exitCode() == ExitCodes.OK);
    }

    @Test
    @Order(9)
    void aKilledReplicaIsAnErrorAndLeavesItsMasterWithoutReplica() throws Exception {
        RedisNode master = masters().get(1);
        RedisNode replica = replicaOf(master);
        String replicaLabel = replica.label();
        replica.kill();
        TribRunner.Result r = trib("doctor", entry.hostPort());
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        assertTrue(line(r, l -> l.startsWith("[ERR] Replica ")).startsWith("[ERR] Replica " + replicaLabel
                + " is unreachable: "), r.toString());
        assertTrue(r.outLines().contains("[WARNING] Master " + master.label() + " has no reachable replica with a live "
                + "link (" + replica.hostPort() + " unreachable): if it fails, its " + master.myself().slots().size()
                + " slots are down until it returns."), r.toString());
        JsonNode doc = json(trib("doctor", entry.hostPort(), "--json"));
        assertEquals(1, doc.get("exitCode").asInt());
        assertEquals(List.of("NODE_UNREACHABLE"), kinds(doc, "error"));
        assertTrue(kinds(doc, "warning").contains("MASTER_WITHOUT_REPLICA"), doc.toString());
        assertEquals(1, doc.get("errors").asInt());
    }

    /** Last: a master killed while its replica may not fail over leaves the replica's link down. */
    @Test
    @Order(12)
    void aReplicaWhoseMasterIsGoneHasItsLinkDown() throws Exception {
        RedisNode master = masters().get(2);
        RedisNode replica = replicaOf(master);
        String masterLabel = master.label();
        int slots = master.myself().slots().size();
        assertEquals("OK", replica.call("CONFIG", "SET", "cluster-replica-no-failover", "yes"));
        master.kill();
        Poll.until(Duration.ofSeconds(30), "the replica's link down", () -> replica.callString("INFO", "replication")
                .contains("master_link_status:down"));
        TribRunner.Result r = trib("doctor", replica.hostPort(), "--json");
        assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
        List<String> messages = json(r).get("findings").findValuesAsText("message");
        assertTrue(messages.stream().anyMatch(m -> m.matches("Replica " + java.util.regex.Pattern.quote(replica.label()
                + "'s link to its master " + masterLabel + " is down") + "( \\(for \\d+ s\\))?\\.")), r.toString());
        assertTrue(messages.contains("Master " + masterLabel + " has no reachable replica with a live link ("
                + replica.hostPort() + " link down): its " + slots + " slots are down until it returns."),
                r.toString());
    }

    @Test
    @Order(11)
    void badOptionsAndAnUnreachableEntry() throws Exception {
        TribRunner.Result sample = trib("doctor", entry.hostPort(), "--sample", "0");
        assertEquals(ExitCodes.USAGE, sample.exitCode(), sample.toString());
        assertTrue(sample.err().startsWith("[ERR] --sample must be at least 1"), sample.toString());
        TribRunner.Result nowhere = trib("doctor", "127.0.0.1:1", "--json");
        assertEquals(ExitCodes.UNREACHABLE, nowhere.exitCode(), nowhere.toString());
        assertTrue(json(nowhere).get("error").asText().startsWith("Could not connect to 127.0.0.1:1"),
                nowhere.toString());
    }
}
