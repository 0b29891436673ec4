package dev.trib.node.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node-server in its own JVM (the launcher's main class on the test class path), so a test can
 * kill -9 it. Logs to {@code dir/node.log}.
 */
public final class NodeProcess implements AutoCloseable {
    public static final String HOST = "127.0.0.1";

    private final Process process;
    private final Path dir;
    public final int port;

    private NodeProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a node on port, working in dir, with more redis-server style arguments, and waits for PING. */
    public static NodeProcess start(Path dir, int port, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "dev.trib.node.net.Main",
                "--port", Integer.toString(port), "--bind", HOST, "--dir", dir.toString(),
                "--logfile", dir.resolve("node.log").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.out").toFile())).start();
        NodeProcess node = new NodeProcess(p, dir, port);
        try {
            Poll.until(Duration.ofSeconds(30), "node-server on port " + port + " to answer PING", () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("node-server exited:\n" + node.log());
                }
                try (RespTestClient c = new RespTestClient(HOST, port)) {
                    return c.call("PING").equals("+PONG\r\n");
                }
            });
        } catch (AssertionError | Exception e) {
            node.kill();
            throw e;
        }
        return node;
    }

    public RespTestClient client() throws IOException {
        return new RespTestClient(HOST, port);
    }

    /** SIGKILL: no shutdown hook, no final save or sync. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(15, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.exists(dir.resolve("node.log")) ? Files.readString(dir.resolve("node.log")) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
