package dev.trib.node.persistence;

import dev.trib.node.log.ServerLog;
import dev.trib.node.net.NodeConfig;
import dev.trib.node.net.NodeServer;
import dev.trib.node.support.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
