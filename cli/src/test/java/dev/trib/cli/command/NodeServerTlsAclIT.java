package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.trib.cli.command.TlsAclClusterIT.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Six bundled node-servers speaking only TLS (clients and bus, client certificates required) with the default user
 * off: trib, logged in as a user with docs/security.md's smallest rule set for changing commands, creates the
 * cluster, reshards it (MIGRATE over TLS with AUTH2) and fixes an open slot; redis-cli --tls --cluster check is the
 * oracle. Connection failures are one line, startup errors are clear, and no secret shows anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeServerTlsAclIT {
    private static final String PASS = "Tr1b-node-canary-5d2a";
    private static final String ADMIN_PASS = "admin-fixture-pw";
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    private Path tmp;
    private TestCluster cluster;
    private TlsMaterial tls;
    private TestData data;
    private SecuredTrib op;

    /** docs/security.md's rules for changing commands, with this test's password. */
    static List<String> operatorRules(String password) {
        return AclRulesContract.OPERATOR.stream().map(r -> r.startsWith(">") ? ">" + password : r).toList();
    }

    @BeforeAll
    void startNodes() throws IOException {
        RedisFixture.assumeRedisCli();
        tls = TlsMaterial.get();
        tmp = Files.createTempDirectory("trib-node-tls-it-");
        List<String> args = new ArrayList<>(List.of("--user", "default", "off", "--user", "admin", "on",
                ">" + ADMIN_PASS, "~*", "&*", "+@all", "--user"));
        args.addAll(operatorRules(PASS));
        // The fixture's own calls (readiness, CLUSTER NODES, test data) log in as the all-powerful admin.
        args.addAll(List.of("--masteruser", "admin", "--masterauth", ADMIN_PASS));
        cluster = TestCluster.startNodeServerTls(6, HOSTS, args.toArray(String[]::new));
        op = new SecuredTrib(cluster, tls, "operator", PASS);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }
    @Test
    @Order(1)
    void createdOverTlsByTheOperator() {
        List<String> args = new ArrayList<>(List.of("create", "--replicas", "1", "--yes"));
        args.addAll(List.of(cluster.hostPorts()));
        TribRunner.Result r = op.trib(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        cluster.awaitHealthy();
        op.assertHealthy();
        // The announced port is the TLS one, as redis-server announces it with tls-cluster yes.
        assertEquals(cluster.node(1).port(), cluster.node(1).myself().address().port());
        assertEquals(List.of("tls-cluster", "yes", "tls-auth-clients", "yes"),
                cluster.node(0).call("CONFIG", "GET", "tls-cluster", "tls-auth-clients"));
        data = TestData.load(cluster, 3_000, 0);
    }

    @Test
    @Order(2)
    void reshardedWithKeysMovingOverTlsWithAuth2() {
        String to = cluster.node(0).myself().id();
        TribRunner.Result r = op.trib("reshard", op.entry(), "--from", "all", "--to", to, "--slots", "600", "--yes",
                "--journal", tmp.resolve("reshard.json").toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        TribRunner.Result planned = op.trib("reshard", op.entry(), "--from", to, "--to", cluster.node(1).myself().id(),
                "--slots", "10", "--plan-out", tmp.resolve("plan.json").toString());
        assertEquals(ExitCodes.OK, planned.exitCode(), planned.toString());
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.subList(0, Math.min(5, problems.size())).toString());
        op.assertHealthy();
    }

    @Test
    @Order(3)
    void anOpenSlotIsFixedOverTls() {
        ClusterNode a = cluster.node(0).myself();
        int slot = a.slots().ranges().get(0).start();
        assertEquals("OK", cluster.node(0).call("CLUSTER", "SETSLOT", slot, "MIGRATING", cluster.node(1).myself().id()));
        TribRunner.Result r = op.trib("fix", op.entry(), "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        op.assertHealthy();
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    @Order(4)
    void failedOverByTheOperatorWithReplicationOverTls() {
        Poll.until(Duration.ofSeconds(30), "replication links up over TLS", () -> cluster.nodes().stream()
                .filter(n -> n.myself().isReplica())
                .allMatch(n -> n.callString("INFO", "replication").contains("master_link_status:up")));
        RedisNode replica = cluster.nodes().stream().filter(n -> n.myself().isReplica()).findFirst().orElseThrow();
        TribRunner.Result r = op.trib("failover", replica.hostPort(), "--yes");
        assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
        assertTrue(replica.myself().isMaster(), r.toString());
        op.assertHealthy();
        List<String> problems = data.verify(cluster.node(0));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    @Order(5)
    void eachConnectionFailureIsOneLineNamingTheNodeExitThreeNothingChanged() {
        Map<String, String> before = cluster.state();
        String node = op.entry();
        TribRunner.Result wrong = op.raw("check", node, "--user", "operator", "-a", "not-it",
                "--no-auth-warning", "--tls", "--cacert", tls.caCert.toString(), "--cert",
                tls.clientCert.toString(), "--key", tls.clientKey.toString());
        assertOneLine(wrong, node, "password");
        TribRunner.Result untrusted = op.raw("check", node, "--tls", "--cacert",
                tls.otherCaCert.toString(), "--cert", tls.clientCert.toString(), "--key", tls.clientKey.toString());
        assertOneLine(untrusted, node, "certificate");
        TribRunner.Result plain = op.raw("check", node, "--timeout", "2000", "--command-timeout",
                "2000");
        assertOneLine(plain, node, "TLS");
        TribRunner.Result noCert = op.raw("check", node, "--tls", "--cacert", tls.caCert.toString(),
                "--timeout", "2000", "--command-timeout", "2000");
        assertOneLine(noCert, node, "certificate");
        assertEquals(before, cluster.state());
    }

    @Test
    @Order(6)
    void aPkcs1KeyIsReadAndABadTlsFileIsAClearStartupError() throws Exception {
        Path pkcs1 = tmp.resolve("server-pkcs1.key");
        Process p = new ProcessBuilder("openssl", "rsa", "-in", tls.serverKey.toString(), "-traditional", "-out",
                pkcs1.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl rsa -traditional");
        assertTrue(Files.readString(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        try (RedisNode n = RedisFixture.startNodeServerTls("127.0.0.1", "--tls-key-file", pkcs1.toString())) {
            assertEquals("PONG", n.call("PING"));
        } finally {
            Files.delete(pkcs1);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RedisFixture.startNodeServerTls(
                "127.0.0.1", "--tls-cert-file", tmp.resolve("missing.crt").toString()));
        assertTrue(e.getMessage().contains("Fatal: tls-cert-file " + tmp.resolve("missing.crt") + ": cannot read it"),
                e.getMessage());
        IllegalStateException wrongKey = assertThrows(IllegalStateException.class,
                () -> RedisFixture.startNodeServerTls("127.0.0.1", "--tls-key-file", tls.clientKey.toString()));
        assertTrue(wrongKey.getMessage().contains("is not the key of tls-cert-file"), wrongKey.getMessage());
    }

    @Test
    @Order(7)
    void noSecretInAnyOutputOrFile() throws Exception {
        SecretLeaks.assertNone(op.outputs(), tmp, PASS, tls.clientKey);
    }
}
