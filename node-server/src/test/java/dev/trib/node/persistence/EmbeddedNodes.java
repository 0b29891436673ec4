package dev.trib.node.persistence;

import dev.trib.node.log.ServerLog;
import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Poll;
import dev.trib.node.support.Ports;
import dev.trib.node.support.RespTestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** In-process nodes on 127.0.0.1, ports 26000-26999, working in a given directory, with their log captured. */
final class EmbeddedNodes {
    static final String HOST = "127.0.0.1";

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final ServerLog log = new ServerLog(new PrintStream(logBytes, true, StandardCharsets.UTF_8));

    static NodeConfig config(Path dir) {
        return NodeConfig.defaults().withBind(List.of(HOST)).withPort(Ports.freeInRange(HOST, 26000, 27000))
                .with("dir", dir.toString());
    }

    /** A cluster-mode node's config, its bus port given so that a replica can MEET it there. */
    static NodeConfig clusterConfig(Path dir, int busPort) {
        return config(dir).with("cluster-enabled", "yes").with("cluster-port", Integer.toString(busPort))
                .with("cluster-announce-ip", HOST);
    }

    /** A bus port in this class's range (below Linux's ephemeral ports). */
    static int busPort() {
        return Ports.freeInRange(HOST, 26000, 27000);
    }

    /** Gives the node every slot and waits for cluster_state:ok. @return its node ID */
    static String masterOfAllSlots(RespTestClient m) throws Exception {
        String id = m.call("CLUSTER", "MYID").split("\r\n")[1];
        m.call("CLUSTER", "ADDSLOTSRANGE", "0", "16383");
        Poll.until(Duration.ofSeconds(10), "the master's cluster state ok",
                () -> m.call("CLUSTER", "INFO").contains("cluster_state:ok"));
        return id;
    }

    /** Makes r (a node-server or redis-server) a replica of the master, waits for its link, and sends READONLY. */
    static void replicate(RespTestClient r, int masterPort, int masterBus, String masterId) throws Exception {
        r.call("CLUSTER", "MEET", HOST, Integer.toString(masterPort), Integer.toString(masterBus));
        Poll.until(Duration.ofSeconds(20), "the replica to know the master",
                () -> r.call("CLUSTER", "REPLICATE", masterId).equals("+OK\r\n"));
        Poll.until(Duration.ofSeconds(30), "the link to the master",
                () -> r.call("INFO", "replication").contains("master_link_status:up"));
        r.call("READONLY");
    }

    NodeServer start(NodeConfig config) throws InterruptedException {
        return NodeServer.start(config, log);
    }

    /** Everything the nodes started here logged so far. */
    String log() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }
}
