package dev.trib.node.net;

import dev.trib.node.log.ServerLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * For bin/trib-node's class-data-sharing archive: runs a cluster-enabled node on a free loopback port for a few
 * commands, so the archive made at exit holds what a node's start-up and first commands load. About 0.2 s less
 * per node start, more when a sandbox starts six at once on two cores.
 */
final class ArchiveTraining {
    private ArchiveTraining() {
    }

    static void run() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("trib-node-training");
            int port;
            int busPort;
            try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = a.getLocalPort();
                busPort = b.getLocalPort();
            }
            NodeConfig config = NodeConfig.defaults().withBind(List.of("127.0.0.1")).withPort(port)
                    .with("dir", dir.toString()).with("save", "").with("cluster-enabled", "yes")
                    .with("cluster-port", Integer.toString(busPort));
            NodeServer server = NodeServer.start(config,
                    new ServerLog(new PrintStream(OutputStream.nullOutputStream())));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(2000);
                s.getOutputStream().write(("PING\r\nCLUSTER MYID\r\nCLUSTER INFO\r\nCLUSTER NODES\r\nSET a 1\r\n"
                        + "GET a\r\nINFO\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                byte[] buf = new byte[8192];
                while (in.read(buf) >= 0) {
                    // drain until QUIT closes the connection
                }
            } finally {
                server.stop();
            }
        } catch (Exception e) {
            // a training that fails makes a smaller archive; the node itself is unaffected
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind
        }
    }
}
