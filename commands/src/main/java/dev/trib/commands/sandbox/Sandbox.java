package dev.trib.commands.sandbox;

import dev.trib.commands.exec.Waits;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.commands.ops.ProgressListener;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A local cluster of background node processes under one directory: each node has its own folder, log and pid
 * file, and the sandbox only ever stops processes it started (checked by pid and command line).
 */
public final class Sandbox {
    /** Which server runs the nodes: real redis-server, or trib's bundled Java node. */
    public enum Server { REDIS, NODE }

    /** What to start: nodes are spread round-robin over the addresses, one "host" each. */
    public record Options(int nodes, int replicas, int basePort, List<String> ips, Server server) {
        public Options {
            ips = List.copyOf(ips);
            if (ips.isEmpty()) {
                throw new IllegalArgumentException("no address to bind");
            }
        }

        String ip(int node) {
            return ips.get(node % ips.size());
        }
    }

    /** A node and whether its process still runs. */
    public record NodeStatus(SandboxNode node, boolean running) {
    }

    private final Path dir;

    public Sandbox(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public Optional<SandboxState> state() {
        return SandboxState.read(dir);
    }

    /** Starts the node processes (not the cluster: the caller creates it with the create operation). */
    public SandboxState start(Options o, ProgressListener progress) {
        if (o.nodes() < 3) {
            throw new OperationRefusedException("A sandbox needs at least 3 nodes, not " + o.nodes() + ".");
        }
        if (o.basePort() < 1 || o.basePort() + o.nodes() - 1 + 10000 > 65535) {
            throw new OperationRefusedException("--base-port " + o.basePort() + " leaves no room for " + o.nodes()
                    + " nodes and their bus ports (port + 10000 must stay under 65536).");
        }
        Optional<SandboxState> existing = state();
        if (existing.isPresent() && status(existing.get()).stream().anyMatch(NodeStatus::running)) {
            throw new OperationRefusedException("A sandbox is already up in " + dir + ": run 'trib sandbox down' "
                    + "or 'trib sandbox clean' first.");
        }
        Path server = o.server() == Server.REDIS
                ? executable("redis-server").orElseThrow(() -> new OperationRefusedException(
                "redis-server is not installed (apt-get install redis-server); '--server node' runs the bundled "
                        + "node instead."))
                : nodeLauncher().orElseThrow(() -> new OperationRefusedException(
                "bin/trib-node was not found next to this trib; '--server redis' needs redis-server instead."));
        String name = o.server() == Server.REDIS ? "redis-server" : "trib-node";
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < o.nodes(); i++) {
            int port = o.basePort() + i;
            if (!free(o.ip(i), port)) {
                busy.add("Port " + port + " on " + o.ip(i) + " is in use.");
            } else if (!free(o.ip(i), port + 10000)) {
                busy.add("Cluster bus port " + (port + 10000) + " on " + o.ip(i) + " is in use.");
            }
        }
        if (!busy.isEmpty()) {
            throw new OperationRefusedException(busy, false);
        }
        progress.step("Starting " + o.nodes() + " " + name + " nodes in " + dir);
        List<SandboxNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < o.nodes(); i++) {
                nodes.add(o.server() == Server.REDIS ? launch(server, o.ip(i), o.basePort() + i)
                        : launchNode(server, o.ip(i), o.basePort() + i));
            }
            SandboxState state = new SandboxState(name, nodes);
            state.write(dir);
            for (SandboxNode n : nodes) {
                awaitListening(n);
            }
            return state;
        } catch (RuntimeException e) {
            terminateAll(nodes);
            throw e;
        }
    }

    private SandboxNode launch(Path server, String ip, int port) {
        Path nodeDir = dir.resolve(Integer.toString(port));
        try {
            Files.createDirectories(nodeDir);
            Files.deleteIfExists(nodeDir.resolve("nodes.conf"));
            Files.deleteIfExists(nodeDir.resolve("redis.pid"));
            Process p = new ProcessBuilder(server.toString(),
                    "--port", Integer.toString(port), "--bind", ip, "--cluster-announce-ip", ip,
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "5000", "--dir", nodeDir.toString(),
                    "--daemonize", "yes", "--pidfile", nodeDir.resolve("redis.pid").toString(),
                    "--logfile", nodeDir.resolve("redis.log").toString(),
                    "--save", "", "--appendonly", "no", "--protected-mode", "no")
                    .redirectErrorStream(true).redirectOutput(nodeDir.resolve("start.log").toFile()).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new OperationRefusedException("redis-server on port " + port + " did not start: see "
                        + nodeDir.resolve("start.log"));
            }
            Path pidFile = nodeDir.resolve("redis.pid");
            Waits.until(Duration.ofSeconds(10), () -> Files.exists(pidFile) ? Optional.empty()
                    : Optional.of("redis-server on port " + port + " wrote no pid file; see " + nodeDir.resolve("redis.log")));
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return new SandboxNode(ip, port, nodeDir, pid);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A bundled node in the background: it does not daemonize, so the process we start is the node (the
     * launcher execs java) and its pid is ours to record.
     */
    private SandboxNode launchNode(Path launcher, String ip, int port) {
        Path nodeDir = dir.resolve(Integer.toString(port));
        try {
            Files.createDirectories(nodeDir);
            Files.deleteIfExists(nodeDir.resolve("nodes.conf"));
            Process p = new ProcessBuilder(launcher.toString(),
                    "--port", Integer.toString(port), "--bind", ip, "--cluster-announce-ip", ip,
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "5000", "--dir", nodeDir.toString(),
                    "--logfile", nodeDir.resolve("redis.log").toString(), "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(nodeDir.resolve("start.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new SandboxNode(ip, port, nodeDir, p.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start trib-node on port " + port, e);
        }
    }

    /** bin/trib-node of the checkout this trib runs from. */
    public static Optional<Path> nodeLauncher() {
        try {
            Path here = Path.of(Sandbox.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = here; d != null; d = d.getParent()) {
                Path candidate = d.resolve("bin").resolve("trib-node");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall through: not found
        }
        return Optional.empty();
    }

    private static void awaitListening(SandboxNode n) {
        // Generous: a first run of the bundled node builds its jar before it listens.
        Waits.until(Duration.ofSeconds(180), () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(n.ip(), n.port()), 200);
                return Optional.empty();
            } catch (IOException e) {
                return Optional.of(n.address() + " is not listening; see " + n.logFile());
            }
        });
    }

    public List<NodeStatus> status(SandboxState state) {
        return state.nodes().stream().map(n -> new NodeStatus(n, ours(n).isPresent())).toList();
    }

    /**
     * Stops every node this sandbox started and that still runs; returns how many were stopped. All are asked
     * (SIGTERM) at once, then each is given 10 s to exit before it is killed.
     */
    public int stop() {
        return state().map(s -> terminateAll(s.nodes())).orElse(0);
    }

    private static int terminateAll(List<SandboxNode> nodes) {
        List<ProcessHandle> asked = new ArrayList<>();
        for (SandboxNode n : nodes) {
            ours(n).ifPresent(h -> {
                h.destroy();
                asked.add(h);
            });
        }
        for (ProcessHandle h : asked) {
            try {
                Waits.until(Duration.ofSeconds(10), Duration.ofMillis(10),
                        () -> exited(h) ? Optional.empty() : Optional.of("pid " + h.pid() + " to exit"));
            } catch (Waits.WaitTimeoutException e) {
                h.destroyForcibly();
            }
        }
        return asked.size();
    }

    /**
     * Gone, or a zombie: the nodes outlive the trib that started them, so their parent is init, and an init that
     * reaps slowly (some containers' do, after a second or more) leaves an exited node looking alive meanwhile.
     */
    private static boolean exited(ProcessHandle h) {
        if (!h.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return afterName.startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return !h.isAlive();
        }
    }

    /** Stops the nodes and deletes the sandbox directory. */
    public void clean() {
        stop();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** The process for this node if it is still the redis-server we started (pids get reused). */
    private static Optional<ProcessHandle> ours(SandboxNode n) {
        return ProcessHandle.of(n.pid()).filter(ProcessHandle::isAlive).filter(h -> {
            String cmd = commandLine(h);
            return (cmd.contains("redis") || cmd.contains("trib-node")) && cmd.contains(Integer.toString(n.port()));
        });
    }

    /**
     * The process's command line as the process shows it. redis-server rewrites its argv to
     * "redis-server ip:port [cluster]", which only /proc shows; ProcessHandle reports the executable
     * (on Debian a redis-check-rdb link) with no arguments.
     */
    private static String commandLine(ProcessHandle h) {
        Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
        try {
            if (Files.isReadable(proc)) {
                return Files.readString(proc).replace('\0', ' ');
            }
        } catch (IOException e) {
            // fall through to what the JDK knows
        }
        return h.info().commandLine().or(() -> h.info().command()).orElse("");
    }

    private static boolean free(String ip, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Optional<Path> executable(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
