package dev.trib.node.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real redis-server child process for differential and interoperability tests. */
public final class RealRedis implements AutoCloseable {
    private final Process process;
    private final Path dir;
    public final String host;
    public final int port;

    private RealRedis(Process process, Path dir, String host, int port) {
        this.process = process;
        this.dir = dir;
        this.host = host;
        this.port = port;
    }

    /** Path of an executable on PATH, or null. */
    public static File onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            File f = new File(d, name);
            if (f.isFile() && f.canExecute()) {
                return f;
            }
        }
        return null;
    }

    /** Starts redis-server in cluster mode on host:port (bus port + 10000) and waits for PONG. */
    public static RealRedis startCluster(String host, int port, String... extra) throws Exception {
        if (port + 10000 >= 32768) {
            // Linux hands out 32768-60999 to outgoing connections: a bus port there can be taken at any moment.
            throw new IllegalArgumentException("bus port " + (port + 10000) + " is in the ephemeral range: use Ports.freeClusterPort");
        }
        List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes", "--cluster-announce-ip", host));
        args.addAll(List.of(extra));
        return start(host, port, args.toArray(String[]::new));
    }

    /** Starts a standalone redis-server on host:port and waits for PONG. */
    public static RealRedis start(String host, int port, String... extra) throws Exception {
        Path dir = Files.createTempDirectory("trib-real-redis");
        List<String> cmd = new ArrayList<>(List.of(onPath("redis-server").getPath(), "--port", Integer.toString(port),
                "--bind", host, "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        RealRedis r = new RealRedis(p, dir, host, port);
        try {
            r.awaitPong();
        } catch (Exception e) {
            r.close();
            throw e;
        }
        return r;
    }

    private void awaitPong() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (RespTestClient c = new RespTestClient(host, port)) {
                String reply = c.call("PING");
                if (reply.equals("+PONG\r\n") || reply.startsWith("-NOAUTH")) {
                    return;
                }
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not answer PING");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    public RespTestClient client() throws IOException {
        return new RespTestClient(host, port);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
