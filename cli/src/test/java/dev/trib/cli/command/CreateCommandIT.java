package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.RedisFixture;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import dev.trib.planner.topology.ClusterNode;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.NodesParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.trib.cli.TribRunner.trib;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trib create} against real redis-server nodes on three loopback "hosts". */
class CreateCommandIT {
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    @BeforeAll
    static void redisAvailable() {
        RedisFixture.assumeAvailable();
    }

    private static String[] args(String... head) {
        return head;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void sixNodesOnThreeHostsWithOneReplicaEach() {
        try (TestCluster c = TestCluster.start(6, HOSTS)) {
            TribRunner.Result r = trib(concat(args("create", "--replicas", "1", "--yes"), c.hostPorts()));
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(r.outLines().contains("[OK] All 16384 slots covered."), r.toString());
            assertTrue(r.outLines().contains("[OK] All nodes agree about slots configuration."), r.toString());
            assertTrue(r.outLines().contains("[OK] Perfect anti-affinity obtained!"), r.toString());
            assertTrue(r.outLines().contains("Master[0] -> Slots 0 - 5460"), r.toString());
            assertTrue(r.outLines().contains("Master[1] -> Slots 5461 - 10922"), r.toString());
            assertTrue(r.outLines().contains("Master[2] -> Slots 10923 - 16383"), r.toString());
            assertLayout(c, 3, 1);
            assertEquals(0, RedisFixture.redisCli("--cluster", "check", c.node(3).hostPort()).exitCode());
        }
    }

    @Test
    void nineNodesWithOneReplicaGiveFourMastersAndAnExtraReplica() {
        try (TestCluster c = TestCluster.start(9, HOSTS)) {
            TribRunner.Result r = trib(concat(args("create", "--cluster-replicas", "1", "--cluster-yes"),
                    c.hostPorts()));
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            ClusterView view = assertLayout(c, 4, 1);
            assertEquals(5, view.nodes().stream().filter(ClusterNode::isReplica).count());
            RedisFixture.ProcessResult check = RedisFixture.redisCli("--cluster", "check", c.node(0).hostPort());
            assertEquals(0, check.exitCode(), check.output());
        }
    }

    /**
     * --no-wait-ok returns at agreement, as redis-cli does. The nodes then know exactly each other: no handshake
     * entry from trib's MEET rounds is left (one could later meet a node reset meanwhile).
     */
    @Test
    void noWaitOkReturnsAtAgreementWithNoHandshakeLeft() {
        try (TestCluster c = TestCluster.start(6, HOSTS)) {
            TribRunner.Result r = trib(concat(args("create", "--replicas", "1", "--yes", "--no-wait-ok"),
                    c.hostPorts()));
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(r.outLines().contains("[OK] All nodes agree about slots configuration."), r.toString());
            for (RedisNode n : c.nodes()) {
                String nodes = n.callString("CLUSTER", "NODES");
                assertFalse(nodes.contains("handshake"), n.hostPort() + ":\n" + nodes);
                assertEquals(6, nodes.lines().count(), n.hostPort() + ":\n" + nodes);
            }
            ClusterView view = NodesParser.parse(c.node(0).callString("CLUSTER", "NODES"));
            assertEquals(3, view.masters().size(), view.toString());
            assertEquals(3, view.nodes().stream().filter(ClusterNode::isReplica).count(), view.toString());
        }
    }

    /**
     * Every master has at least the replicas asked for, on another host; every node knows every node and is ok.
     * Roles come from each node's own line: the others learn a fresh replica's role at its next ping.
     */
    private static ClusterView assertLayout(TestCluster c, int masters, int replicas) {
        List<ClusterNode> selves = new ArrayList<>();
        for (RedisNode n : c.nodes()) {
            selves.add(NodesParser.parse(n.callString("CLUSTER", "NODES")).myself().orElseThrow());
            assertEquals("ok", n.clusterInfo("cluster_state"), n.hostPort());
            assertEquals(Integer.toString(c.nodes().size()), n.clusterInfo("cluster_known_nodes"));
        }
        ClusterView view = new ClusterView(selves);
        assertEquals(masters, view.masters().size(), view.toString());
        for (ClusterNode m : view.masters()) {
            List<ClusterNode> rs = view.replicasOf(m.id());
            assertTrue(rs.size() >= replicas, "master " + m.address() + " has " + rs.size() + " replicas");
            for (ClusterNode r : rs) {
                assertNotEquals(m.address().ip(), r.address().ip(), "replica shares its master's host: " + r.address());
            }
        }
        return view;
    }

    @Test
    void fewerThanThreeMastersIsRefusedAndNothingChanges() {
        try (TestCluster c = TestCluster.start(4, HOSTS)) {
            Map<String, String> before = c.state();
            TribRunner.Result r = trib(concat(args("create", "--replicas", "1", "--yes"), c.hostPorts()));
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.err().contains("at least 3 master"), r.toString());
            assertEquals(1, r.err().lines().count(), r.toString());
            assertEquals(before, c.state());
        }
    }

    @Test
    void aNodeHoldingAKeyIsRefusedAndNothingChanges() {
        try (TestCluster c = TestCluster.start(3, HOSTS)) {
            RedisNode dirty = c.node(2);
            // A key left behind: serve every slot alone until writes are accepted, write, give the slots back.
            dirty.call("CLUSTER", "ADDSLOTSRANGE", 0, 16383);
            dev.trib.commands.fixture.Poll.until(java.time.Duration.ofSeconds(10), "a write to be accepted",
                    () -> "OK".equals(dirty.call("SET", "leftover", "1")));
            dirty.call("CLUSTER", "DELSLOTSRANGE", 0, 16383);
            Map<String, String> before = c.state();
            TribRunner.Result r = trib(concat(args("create", "--yes"), c.hostPorts()));
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.err().contains("Node " + dirty.hostPort() + " is not empty: it holds 1 key(s)"), r.toString());
            assertEquals(before, c.state());
        }
    }

    @Test
    void aNodeAlreadyInAClusterIsRefusedAndNothingChanges() {
        try (TestCluster c = TestCluster.start(3, HOSTS); TestCluster other = TestCluster.start(1, HOSTS)) {
            RedisNode joined = c.node(1);
            joined.call("CLUSTER", "MEET", other.node(0).ip(), other.node(0).port());
            dev.trib.commands.fixture.Poll.until(java.time.Duration.ofSeconds(10), "meet",
                    () -> "2".equals(joined.clusterInfo("cluster_known_nodes")));
            Map<String, String> before = c.state();
            TribRunner.Result r = trib(concat(args("create", "--yes"), c.hostPorts()));
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.err().contains("Node " + joined.hostPort() + " is not empty: it already knows 1 other node"),
                    r.toString());
            assertEquals(before, c.state());
        }
    }

    @Test
    void aNodeWithoutClusterSupportIsRefused() {
        try (TestCluster c = TestCluster.start(2, HOSTS); RedisNode plain = RedisFixture.start("127.0.0.3", false)) {
            Map<String, String> before = c.state();
            List<String> addresses = new ArrayList<>(List.of(c.hostPorts()));
            addresses.add(plain.hostPort());
            TribRunner.Result r = trib(concat(args("create", "--yes"), addresses.toArray(String[]::new)));
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.err().contains("Node " + plain.hostPort() + " is not configured as a cluster node"),
                    r.toString());
            assertEquals(before, c.state());
        }
    }

    @Test
    void anUnreachableNodeExitsThreeAndNothingChanges() {
        try (TestCluster c = TestCluster.start(3, HOSTS)) {
            RedisNode gone = c.node(2);
            String address = gone.hostPort();
            gone.kill();
            TestCluster live = new TestCluster(c.nodes().subList(0, 2));
            Map<String, String> before = live.state();
            TribRunner.Result r = trib(concat(args("create", "--yes"), c.hostPorts()));
            assertEquals(ExitCodes.UNREACHABLE, r.exitCode(), r.toString());
            assertEquals("[ERR] Could not connect to " + address + ": connection refused", r.err().trim(),
                    r.toString());
            assertEquals(before, live.state());
        }
    }

    @Test
    void aDuplicateAddressIsRefusedBeforeAnyConnection() {
        try (TestCluster c = TestCluster.start(3, HOSTS)) {
            Map<String, String> before = c.state();
            TribRunner.Result r = trib("create", "--yes", c.node(0).hostPort(), c.node(1).hostPort(),
                    c.node(2).hostPort(), c.node(0).hostPort());
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.err().contains("Node " + c.node(0).hostPort() + " is given twice"), r.toString());
            assertEquals(before, c.state());
        }
    }

    @Test
    void aWrongPasswordExitsThreeAndNothingChanges() {
        try (TestCluster c = TestCluster.start(3, HOSTS, "--requirepass", "s3cret", "--masterauth", "s3cret")) {
            Map<String, String> before = c.state();
            TribRunner.Result r = trib(concat(args("create", "--yes", "-a", "wrong", "--no-auth-warning"),
                    c.hostPorts()));
            assertEquals(ExitCodes.UNREACHABLE, r.exitCode(), r.toString());
            assertTrue(r.err().contains("authentication failed: wrong user name or password"), r.toString());
            assertFalse(r.err().contains("wrong\n") || r.out().contains("s3cret"), r.toString());
            TribRunner.Result none = trib(concat(args("create", "--yes"), c.hostPorts()));
            assertEquals(ExitCodes.UNREACHABLE, none.exitCode(), none.toString());
            assertTrue(none.err().contains("authentication required"), none.toString());
            assertEquals(before, c.state());

            TribRunner.Result ok = new TribRunner().env("REDISCLI_AUTH", "s3cret")
                    .run(concat(args("create", "--yes"), c.hostPorts()));
            assertEquals(ExitCodes.OK, ok.exitCode(), ok.toString());
            assertTrue(ok.outLines().contains("[OK] All 16384 slots covered."), ok.toString());

            // The same cluster through an ACL user, the password typed at the prompt.
            for (RedisNode n : c.nodes()) {
                assertEquals("OK", n.call("ACL", "SETUSER", "ops", "on", ">opspw", "~*", "&*", "+@all"));
            }
            TribRunner.Result acl = new TribRunner().answers("opspw")
                    .run("check", "--user", "ops", "--askpass", c.node(1).hostPort());
            assertEquals(ExitCodes.OK, acl.exitCode(), acl.toString());
            assertEquals(List.of("Please input password: "), acl.prompts());
            TribRunner.Result wrongUser = trib("check", "--user", "nobody", "-a", "opspw", "--no-auth-warning",
                    c.node(1).hostPort());
            assertEquals(ExitCodes.UNREACHABLE, wrongUser.exitCode(), wrongUser.toString());
            assertEquals("[ERR] Could not connect to " + c.node(1).hostPort()
                    + ": authentication failed: wrong user name or password", wrongUser.err().trim());
            TribRunner.Result warned = trib("check", "-a", "s3cret", c.node(1).hostPort());
            assertEquals(ExitCodes.OK, warned.exitCode(), warned.toString());
            assertTrue(warned.err().startsWith("Warning: Using a password with '-a'"), warned.toString());
        }
    }

    @Test
    void anUnreachableClusterBusIsNamedWhenTheJoinTimesOut() {
        // The third node announces a bus port nobody listens on: the others can never reach it.
        try (TestCluster c = new TestCluster(List.of(
                RedisFixture.start("127.0.0.1", true), RedisFixture.start("127.0.0.2", true),
                RedisFixture.start("127.0.0.3", true, "--cluster-announce-bus-port", "1")))) {
            TribRunner.Result r = trib(concat(args("create", "--yes", "--wait-timeout", "1500"), c.hostPorts()));
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertTrue(r.err().startsWith("[ERR] Gave up after 1500 ms: "), r.toString());
            assertTrue(r.err().contains("does not know " + c.node(2).hostPort() + " yet: is its cluster bus port 1 "
                    + "reachable from "), r.toString());
        }
    }

    @Test
    void hostnamesAndIpv6AddressesAreAccepted() {
        try (TestCluster v4 = TestCluster.start(3, List.of("127.0.0.1"));
             TestCluster v6 = TestCluster.start(3, List.of("::1"))) {
            String[] byName = v4.nodes().stream().map(n -> "localhost:" + n.port()).toArray(String[]::new);
            TribRunner.Result r = trib(concat(args("create", "--yes"), byName));
            assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
            assertTrue(r.out().contains("M: " + v4.node(0).myId() + " 127.0.0.1:" + v4.node(0).port()), r.toString());

            TribRunner.Result r6 = trib(concat(args("create", "--yes"), v6.hostPorts()));
            assertEquals(ExitCodes.OK, r6.exitCode(), r6.toString());
            assertTrue(v6.node(0).hostPort().startsWith("[::1]:"));
            TribRunner.Result check = trib("check", v6.node(2).hostPort());
            assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
            assertTrue(check.outLines().contains("[OK] All 16384 slots covered."), check.toString());
        }
    }

    @Test
    void answeringAnythingButYesChangesNothing() {
        try (TestCluster c = TestCluster.start(3, HOSTS)) {
            Map<String, String> before = c.state();
            TribRunner.Result r = new TribRunner().answers("no").run(concat(args("create"), c.hostPorts()));
            assertEquals(ExitCodes.PROBLEMS, r.exitCode(), r.toString());
            assertEquals(List.of("Can I set the above configuration? (type 'yes' to accept): "), r.prompts());
            assertTrue(r.err().contains("Aborted: no node was changed."), r.toString());
            assertEquals(before, c.state());

            TribRunner.Result closed = new TribRunner().run(concat(args("create"), c.hostPorts()));
            assertEquals(ExitCodes.PROBLEMS, closed.exitCode(), "stdin closed must mean no: " + closed);
            assertEquals(before, c.state());

            TribRunner.Result yes = new TribRunner().env("REDISCLI_CLUSTER_YES", "1")
                    .run(concat(args("create", "--json"), c.hostPorts()));
            assertEquals(ExitCodes.OK, yes.exitCode(), yes.toString());
            assertTrue(yes.out().trim().startsWith("{") && yes.out().contains("\"healthy\" : true"), yes.toString());
            // A creation that needed no failback warns of nothing; the field is there all the same.
            assertTrue(yes.out().contains("\"warnings\" : [ ]"), yes.toString());
        }
    }
}
