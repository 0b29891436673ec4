package dev.trib.node.cluster;

import dev.trib.node.log.ServerLog;
import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Ports;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
