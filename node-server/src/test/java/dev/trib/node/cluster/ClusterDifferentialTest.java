package dev.trib.node.cluster;

import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RealRedis;
import dev.trib.node.support.ReplyDiff;
import dev.trib.node.support.RespTestClient;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same CLUSTER script against a fresh single redis-server in cluster mode and a fresh node;
 * replies must be byte-identical once each node's id and ports are replaced by placeholders
 * (same lengths, so bulk headers still compare).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterDifferentialTest {
    private static final List<String> SCRIPT = List.of(
            "CLUSTER INFO", "CLUSTER NODES", "CLUSTER SLOTS", "CLUSTER SHARDS", "CLUSTER LINKS",
            "CLUSTER ADDSLOTS 0 0", "CLUSTER ADDSLOTS 16384", "CLUSTER ADDSLOTS x", "CLUSTER ADDSLOTSRANGE 5 1",
            "CLUSTER ADDSLOTSRANGE 1 2 3", "CLUSTER DELSLOTS 7", "CLUSTER DELSLOTSRANGE 7 8",
            "CLUSTER SETSLOT 5 IMPORTING abc", "CLUSTER SETSLOT 5 MIGRATING abc", "CLUSTER SETSLOT 5 NODE abc",
            "CLUSTER SETSLOT 5 foo", "CLUSTER SETSLOT 5 STABLE", "CLUSTER SETSLOT 99999 STABLE",
            "CLUSTER SETSLOT 5 IMPORTING", "CLUSTER COUNTKEYSINSLOT 99999", "CLUSTER COUNTKEYSINSLOT x",
            "CLUSTER GETKEYSINSLOT 1 -1", "CLUSTER GETKEYSINSLOT x 1", "CLUSTER KEYSLOT foo",
            "CLUSTER KEYSLOT {user1000}.following", "CLUSTER FORGET abc", "CLUSTER FORGET $ME",
            "CLUSTER REPLICATE abc", "CLUSTER REPLICATE $ME", "CLUSTER COUNT-FAILURE-REPORTS abc",
            "CLUSTER COUNT-FAILURE-REPORTS $ME", "CLUSTER MEET 1.2.3.4 x", "CLUSTER MEET nohost 1",
            "CLUSTER MEET 127.0.0.1 70000", "CLUSTER MEET 1.2.3.4 5 x", "CLUSTER REPLICAS abc", "CLUSTER REPLICAS $ME",
            "CLUSTER SLAVES $ME", "CLUSTER RESET foo", "CLUSTER foo", "CLUSTER", "CLUSTER MYID x",
            "GET foo", "MGET a b", "SET {a}1 x", "READONLY", "READWRITE", "ASKING", "SELECT 1", "SELECT 0",
            "CLUSTER SET-CONFIG-EPOCH -1", "CLUSTER ADDSLOTSRANGE 100 200 300 400", "CLUSTER ADDSLOTS 150",
            "CLUSTER ADDSLOTS 1", "CLUSTER SETSLOT 1 IMPORTING $ME", "CLUSTER SETSLOT 1 MIGRATING $ME",
            "CLUSTER NODES", "CLUSTER SETSLOT 1 STABLE", "CLUSTER DELSLOTSRANGE 100 99", "CLUSTER COUNTKEYSINSLOT 100",
            "CLUSTER GETKEYSINSLOT 100 10", "CLUSTER SETSLOT 150 NODE $ME", "CLUSTER NODES", "CLUSTER SLOTS",
            "CLUSTER SHARDS", "CLUSTER INFO", "CLUSTER SET-CONFIG-EPOCH 5", "CLUSTER SET-CONFIG-EPOCH 6",
            "CLUSTER BUMPEPOCH", "CLUSTER INFO", "CLUSTER DELSLOTS 150", "CLUSTER DELSLOTS 150", "CLUSTER FLUSHSLOTS",
            "CLUSTER NODES", "CLUSTER RESET SOFT", "CLUSTER INFO", "CLUSTER SAVECONFIG", "INFO cluster");

    @Test
    void clusterRepliesMatchRedis() throws Exception {
        Assumptions.assumeTrue(RealRedis.onPath("redis-server") != null,
                "*** redis-server not on PATH: cluster differential test SKIPPED ***");
        ReplyDiff diff = new ReplyDiff();
        NodeServer node = ClusterNodes.start();
        try (RealRedis real = RealRedis.startCluster(ClusterNodes.HOST, Ports.freeClusterPort(ClusterNodes.HOST));
             RespTestClient theirs = real.client();
             RespTestClient ours = new RespTestClient(ClusterNodes.HOST, node.port())) {
            String theirId = theirs.call("CLUSTER", "MYID").split("\r\n")[1];
            String ourId = ours.call("CLUSTER", "MYID").split("\r\n")[1];
            for (String line : SCRIPT) {
                String expected = normalise(theirs.call(args(line, theirId)), theirId, real.port);
                String actual = normalise(ours.call(args(line, ourId)), ourId, node.port());
                diff.compare(line, expected, actual);
            }
        } finally {
            node.stop();
        }
        diff.assertNone();
    }

    private static String[] args(String line, String myId) {
        return line.replace("$ME", myId).split(" ");
    }

    private static String normalise(String reply, String id, int port) {
        return reply.replace(id, "<" + "-".repeat(38) + ">").replace(Integer.toString(port + 10000), "<cpt>")
                .replace(Integer.toString(port), "<prt>");
    }

}
