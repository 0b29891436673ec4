package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.commands.fixture.TestData;
import dev.trib.commands.fixture.TlsMaterial;
import dev.trib.planner.topology.ClusterNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 6-node redis-server cluster with TLS for clients, the bus and replication (client certificates required) and
 * an ACL user instead of the default user, created, resharded, fixed and failed over by trib. Every output and
 * every file trib writes is searched for the password and the client key afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsAclClusterIT {
    private static final String USER = "ops";
    private static final String PASS = "Tr1b-leak-canary-7f3e";
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    private Path tmp;
    private TestCluster cluster;
    private TlsMaterial tls;
    private TestData data;
    private SecuredTrib op;

    @BeforeAll
    void startNodes() {
        RedisFixture.assumeAvailable();
        RedisFixture.assumeRedisCli();
        tls = TlsMaterial.get();
        try {
            tmp = Files.createTempDirectory("trib-tls-it-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // redis-server joins the words after --user into one ACL rule line.
        cluster = TestCluster.startTls(6, HOSTS, "--user", "default", "off", "--user", USER, "on", ">" + PASS, "~*",
                "&*", "+@all", "--masteruser", USER, "--masterauth", PASS);
        op = new SecuredTrib(cluster, tls, USER, PASS);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
    @Test
    @Order(1)
    void createdOverTls() {
        List<String> args = new ArrayList<>(List.of("create", "--replicas", "1", "--yes"));
        args.addAll(List.of(cluster.hostPorts()));
        TribRunner.Result r = op.trib(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(r.outLines().contains("[OK] All 16384 slots covered."), r.toString());
        cluster.awaitHealthy();
        op.assertHealthy();
        data = TestData.load(cluster, 5_000, 0);
    }

    @Test
    @Order(2)
    void reshardedWithKeysMovingOverTlsWithAuth2() {
        String to = cluster.node(0).myself().id();
        TribRunner.Result r = op.trib("reshard", op.entry(), "--from", "all", "--to", to, "--slots", "1500", "--yes",
                "--journal", tmp.resolve("reshard.json").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        Path plan = tmp.resolve("plan.json");
        TribRunner.Result planned = op.trib("reshard", op.entry(), "--from", to, "--to", cluster.node(1).myself().id(),
                "--slots", "10", "--plan-out", plan.toString());
        assertEquals(ExitCodes.OK, planned.exitCode(), planned.toString());
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.subList(0, Math.min(5, problems.size())).toString());
        op.assertHealthy();
    }

    @Test
    @Order(3)
    void fixedOverTls() {
        ClusterNode a = cluster.node(0).myself();
        ClusterNode b = cluster.node(1).myself();
        int slot = a.slots().ranges().get(0).start();
        assertEquals("OK", cluster.node(0).call("CLUSTER", "SETSLOT", slot, "MIGRATING", b.id()));
        TribRunner.Result r = op.trib("fix", op.entry(), "--yes", "--json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        op.assertHealthy();
    }

    @Test
    @Order(4)
    void failedOverOverTls() {
        RedisNode replica = cluster.nodes().stream().filter(n -> n.myself().isReplica()).findFirst().orElseThrow();
        TribRunner.Result r = op.trib("failover", replica.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(replica.myself().isMaster());
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    private long masterKeys() {
        return cluster.nodes().stream().filter(n -> n.myself().isMaster()).mapToLong(n -> (Long) n.call("DBSIZE")).sum();
    }

    @Test
    @Order(5)
    void importedOverTlsAuthenticatingOnBothSides() {
        // The source is a TLS-only standalone server with its own password; its MIGRATEs reach the cluster over
        // TLS (tls-cluster) and log in there as the ACL user (AUTH2).
        String sourcePass = "Src-" + PASS;
        try (RedisNode source = RedisFixture.startTls("127.0.0.1", false, "--requirepass", sourcePass)) {
            List<Object[]> writes = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                writes.add(i % 2 == 0 ? new Object[] {"SET", "imp:" + i, "v" + i}
                        : new Object[] {"HSET", "imp:" + i, "f", "v" + i});
            }
            try (dev.trib.commands.fixture.Resp r = dev.trib.commands.fixture.Resp.to(source, 10_000)) {
                r.pipeline(writes);
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            long before = masterKeys();
            TribRunner.Result r = op.trib("import", op.entry(), "--from", source.hostPort(), "--from-pass", sourcePass,
                    "--copy");
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(r.outLines().stream().anyMatch(l -> l.startsWith("[OK] Imported 2000 keys in ")), r.out());
            assertTrue(!r.out().contains(sourcePass) && !r.err().contains(sourcePass), "source password shown");
            assertEquals(before + 2_000, masterKeys());
            for (int i = 0; i < 2_000; i += 199) {
                List<String> cli = new ArrayList<>(List.of("-c", "-h", cluster.node(0).ip(), "-p",
                        Integer.toString(cluster.node(0).port())));
                cli.addAll(i % 2 == 0 ? List.of("GET", "imp:" + i) : List.of("HGET", "imp:" + i, "f"));
                RedisFixture.ProcessResult get = cluster.redisCli(cli.toArray(String[]::new));
                assertEquals("v" + i, get.output().trim(), "imp:" + i);
            }
            assertEquals(2_000L, source.call("DBSIZE"), "--copy leaves the source as it was");
            op.assertHealthy();
        }
    }

    @Test
    @Order(6)
    void eachConnectionFailureIsOneLineNamingTheNodeExitThreeNothingChanged() throws Exception {
        Map<String, String> before = cluster.state();
        String node = op.entry();
        // Wrong password.
        TribRunner.Result wrong = op.raw("check", node, "--user", USER, "-a", "not-it", "--no-auth-warning",
                "--tls", "--cacert", tls.caCert.toString(), "--cert", tls.clientCert.toString(),
                "--key", tls.clientKey.toString());
        assertOneLine(wrong, node, "password");
        // A CA that did not sign the node's certificate.
        TribRunner.Result untrusted = op.raw("check", node, "--tls", "--cacert", tls.otherCaCert.toString(),
                "--cert", tls.clientCert.toString(), "--key", tls.clientKey.toString());
        assertOneLine(untrusted, node, "certificate");
        // Plain text to a TLS port.
        TribRunner.Result plain = op.raw("check", node, "--timeout", "2000", "--command-timeout", "2000");
        assertOneLine(plain, node, "TLS");
        // TLS to a plain port.
        try (RedisNode plainNode = RedisFixture.start("127.0.0.1", true)) {
            TribRunner.Result toPlain = op.raw("check", plainNode.hostPort(), "--tls", "--cacert",
                    tls.caCert.toString(), "--timeout", "2000", "--command-timeout", "2000");
            assertOneLine(toPlain, plainNode.hostPort(), "TLS");
        }
        // A node whose certificate has expired.
        try (RedisNode expired = RedisFixture.startTls("127.0.0.1", true, "--tls-cert-file",
                tls.expiredServerCert.toString())) {
            TribRunner.Result r = op.raw("check", expired.hostPort(), "--tls", "--cacert", tls.caCert.toString(),
                    "--cert", tls.clientCert.toString(), "--key", tls.clientKey.toString(), "--timeout", "2000");
            assertOneLine(r, expired.hostPort(), "expired");
        }
        // No client certificate where the nodes require one.
        TribRunner.Result noCert = op.raw("check", node, "--tls", "--cacert", tls.caCert.toString(),
                "--timeout", "2000", "--command-timeout", "2000");
        assertOneLine(noCert, node, "certificate");
        assertEquals(before, cluster.state());
    }

    /** Exit 3 and one "[ERR] ..." line naming the node and the cause (shared with the node-server TLS test). */
    static void assertOneLine(TribRunner.Result r, String node, String cause) {
        assertEquals(ExitCodes.UNREACHABLE, r.exitCode(), r.toString());
        String err = r.err().trim();
        assertEquals(1, err.lines().count(), r.toString());
        assertTrue(err.startsWith("[ERR] ") && err.contains(node) && err.contains(cause), r.toString());
    }

    @Test
    @Order(7)
    void aPasswordFileWorksAndTheCommandLineOneIsWarnedAbout() throws Exception {
        Path file = tmp.resolve("pw");
        Files.writeString(file, PASS + "\n");
        List<String> args = new ArrayList<>(List.of("info", op.entry(), "--user", USER, "--pass-file",
                file.toString()));
        args.addAll(tls.clientArgs());
        TribRunner.Result r = op.raw(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertEquals("", r.err(), "no warning for a password file");
        List<String> onLine = new ArrayList<>(List.of("info", op.entry(), "--user", USER, "-a", PASS));
        onLine.addAll(tls.clientArgs());
        TribRunner.Result warned = op.raw(onLine.toArray(String[]::new));
        assertEquals(ExitCodes.OK, warned.exitCode(), warned.toString());
        assertTrue(warned.err().startsWith("Warning: Using a password with '-a' or '--pass' option on the command "
                + "line interface may not be safe."), warned.toString());
    }

    @Test
    @Order(8)
    void noSecretInAnyOutputOrFile() throws Exception {
        SecretLeaks.assertNone(op.outputs(), tmp, PASS, tls.clientKey);
    }
}
