package dev.trib.node.cluster;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Resp;
import dev.trib.node.support.RespTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** WAIT on a master with one replica: answered by the replica's acknowledgement, by its timeout, or dropped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaitCommandTest {
    private final List<NodeServer> nodes = new ArrayList<>();
    private NodeServer master;

    @BeforeEach
    void masterWithOneReplica() throws Exception {
        master = ClusterNodes.start();
        NodeServer replica = ClusterNodes.start();
        nodes.add(master);
        nodes.add(replica);
        try (RespTestClient m = new RespTestClient(ClusterNodes.HOST, master.port());
             RespTestClient r = new RespTestClient(ClusterNodes.HOST, replica.port())) {
            String masterId = m.call("CLUSTER", "MYID").split("\r\n")[1];
            m.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
            r.call("CLUSTER", "MEET", ClusterNodes.HOST, Integer.toString(master.port()));
            Poll.until(Duration.ofSeconds(20), "the replica to know the master",
                    () -> r.call("CLUSTER", "REPLICATE", masterId).equals("+OK\r\n"));
            Poll.until(Duration.ofSeconds(20), "the link to the master",
                    () -> r.call("INFO", "replication").contains("master_link_status:up"));
            Poll.until(Duration.ofSeconds(20), "the master's cluster state ok",
                    () -> m.call("CLUSTER", "INFO").contains("cluster_state:ok"));
        }
    }

    @AfterEach
    void stop() {
        ClusterNodes.stopAll(nodes);
    }

    @Test
    void waitWithoutTimeoutIsAnsweredByTheAcknowledgement() throws Exception {
        try (RespTestClient m = new RespTestClient(ClusterNodes.HOST, master.port())) {
            for (int i = 0; i < 20; i++) {
                assertEquals("+OK\r\n", m.call("SET", "k{a}" + i, "v"));
                // No timeout: only an acknowledgement can answer it (the client's read times out after 10 s).
                assertEquals(":1\r\n", m.call("WAIT", "1", "0"));
            }
        }
    }

    @Test
    void commandsPipelinedBehindAWaitRunOnceItIsAnswered() throws Exception {
        try (RespTestClient m = new RespTestClient(ClusterNodes.HOST, master.port())) {
            m.send(concat(Resp.command("SET", "a", "1"), Resp.command("WAIT", "1", "0"), Resp.command("INCR", "a"),
                    Resp.command("WAIT", "1", "0"), Resp.command("GET", "a")));
            assertEquals("+OK\r\n", m.readReply());
            assertEquals(":1\r\n", m.readReply());
            assertEquals(":2\r\n", m.readReply());
            assertEquals(":1\r\n", m.readReply());
            assertEquals("$1\r\n2\r\n", m.readReply());
        }
    }

    @Test
    void moreReplicasThanThereAreGetTheCountAtTheTimeout() throws Exception {
        try (RespTestClient m = new RespTestClient(ClusterNodes.HOST, master.port())) {
            m.call("SET", "b", "1");
            assertEquals(":1\r\n", m.call("WAIT", "2", "300"));
        }
    }

    @Test
    void aClientThatLeavesWhileWaitingDoesNotDisturbTheOthers() throws Exception {
        try (RespTestClient leaving = new RespTestClient(ClusterNodes.HOST, master.port())) {
            leaving.call("SET", "c", "1");
            leaving.send(Resp.command("WAIT", "2", "0"));
        }
        try (RespTestClient m = new RespTestClient(ClusterNodes.HOST, master.port())) {
            m.call("SET", "d", "1");
            assertEquals(":1\r\n", m.call("WAIT", "1", "0"));
            assertEquals("$1\r\n1\r\n", m.call("GET", "d"));
        }
    }

    @Test
    void clientUnblockEndsAWaitWithTheCountOrAnError() throws Exception {
        try (RespTestClient waiting = new RespTestClient(ClusterNodes.HOST, master.port());
             RespTestClient control = new RespTestClient(ClusterNodes.HOST, master.port())) {
            String id = dev.trib.node.support.Blocked.id(waiting);
            waiting.call("SET", "e", "1");
            dev.trib.node.support.Blocked.send(waiting, control, "WAIT", "2", "0");
            assertEquals(":1\r\n", control.call("CLIENT", "UNBLOCK", id));
            // As at its timeout: the replicas that acknowledged so far (the one replica, or not yet).
            String count = waiting.readReply();
            org.junit.jupiter.api.Assertions.assertTrue(count.matches(":[01]\r\n"), count);
            dev.trib.node.support.Blocked.send(waiting, control, "WAIT", "2", "0");
            assertEquals(":1\r\n", control.call("CLIENT", "UNBLOCK", id, "ERROR"));
            assertEquals("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n", waiting.readReply());
            assertEquals(":0\r\n", control.call("CLIENT", "UNBLOCK", id));
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
