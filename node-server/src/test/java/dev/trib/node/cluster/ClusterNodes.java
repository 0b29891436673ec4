package dev.trib.node.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trib.node.cluster.state.ClusterConfig;
import dev.trib.node.cluster.state.ClusterNode;
import dev.trib.node.cluster.state.NodeFlags;
import dev.trib.node.log.ServerLog;
import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RespTestClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** In-process cluster-mode nodes on 127.0.0.1 for tests. */
final class ClusterNodes {
    static final String HOST = "127.0.0.1";

    private ClusterNodes() {
    }

    static NodeConfig config(Path dir, int port) {
        return NodeConfig.defaults().withBind(List.of(HOST)).withPort(port)
                .with("cluster-enabled", "yes")
                .with("cluster-announce-ip", HOST)
                .with("dir", dir.toString())
                .with("cluster-node-timeout", "5000");
    }

    /** Starts a node in a fresh directory on a probed port (bus port = port + 10000). */
    static NodeServer start() throws Exception {
        Path dir = Files.createTempDirectory("trib-node-cluster");
        return NodeServer.start(config(dir, Ports.freeClusterPort(HOST)), quietLog());
    }

    /** Starts a node in a fresh directory with the given node timeout (ms). */
    static NodeServer start(long nodeTimeout) throws Exception {
        Path dir = Files.createTempDirectory("trib-node-cluster");
        return NodeServer.start(config(dir, Ports.freeClusterPort(HOST)).with("cluster-node-timeout",
                Long.toString(nodeTimeout)), quietLog());
    }

    /**
     * Gives the node slots 0-8191 and a second master {@code otherId} the other half, written straight into the
     * config at 127.0.0.1:1: it never answers, which is all redirections need. Waits for cluster_state:ok.
     */
    static void shareWithPhantom(NodeServer node, RespTestClient c, String otherId) throws Exception {
        assertEquals("+OK\r\n", c.call("CLUSTER", "ADDSLOTSRANGE", "0", "8191"));
        node.onLoop(() -> node.cluster().store().update(cfg -> {
            ClusterConfig.Editor e = cfg.edit().put(new ClusterNode(otherId, HOST, 1, 2, "",
                    NodeFlags.MASTER, null, 9, 0)).currentEpoch(9);
            for (int s = 8192; s <= 16383; s++) {
                e.setOwner(s, otherId);
            }
            return e.build();
        }));
        Poll.until(Duration.ofSeconds(10), "cluster_state:ok",
                () -> c.call("CLUSTER", "INFO").contains("cluster_state:ok"));
    }

    static ServerLog quietLog() {
        return new ServerLog(new PrintStream(OutputStream.nullOutputStream()));
    }

    static void stopAll(List<NodeServer> nodes) {
        for (NodeServer n : nodes) {
            try {
                n.stop();
            } catch (RuntimeException ignored) {
                // keep stopping the others
            }
        }
    }
}
