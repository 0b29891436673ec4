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

    private static final String LOOPBACK = "127.0.0.1";
    private static final String REDIS_NAME = "redis-server";
    private static final String NODE_NAME = "trib-node";

    private final Path dir;

    public Sandbox(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** One sandbox per user, found from any working directory: {@code ~/.trib/sandbox}. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".trib", "sandbox");
    }

    public Path dir() {
        return dir;
    }

    public Optional<SandboxState> state() {
        return SandboxState.read(dir);
    }

    /**
     * Starts the node processes of a new sandbox (not the cluster: the caller creates it with the create operation,
     * then calls {@link #markCreated}). What an earlier, unfinished start left in the directory is stopped and
     * wiped first.
     */
    public SandboxState start(Options o, ProgressListener progress) {
        if (o.nodes() < 3) {
            throw new OperationRefusedException("A sandbox needs at least 3 nodes, not " + o.nodes() + ".");
        }
        if (o.basePort() < 1 || o.basePort() + o.nodes() - 1 + 10000 > 65535) {
            throw new OperationRefusedException("--base-port " + o.basePort() + " leaves no room for " + o.nodes()
                    + " nodes and their bus ports (port + 10000 must stay under 65536).");
        }
        Optional<SandboxState> existing = state();
        if (existing.isPresent() && existing.get().created()) {
            throw new OperationRefusedException("A sandbox already exists in " + dir + ": 'trib sandbox up' "
                    + "restarts it; 'trib sandbox clean' deletes it first.");
        }
        existing.ifPresent(s -> terminateAll(s.nodes()));
        String name = o.server() == Server.REDIS ? REDIS_NAME : NODE_NAME;
        Path server = serverExecutable(name);
        List<String> busy = new ArrayList<>();
        for (int i = 0; i < o.nodes(); i++) {
            busy.addAll(busyPorts(o.ip(i), o.basePort() + i));
        }
        if (!busy.isEmpty()) {
            throw new OperationRefusedException(busy, false);
        }
        progress.step("Starting " + o.nodes() + " " + name + " nodes in " + dir);
        List<SandboxNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < o.nodes(); i++) {
                Path nodeDir = dir.resolve(Integer.toString(o.basePort() + i));
                wipe(nodeDir);
                nodes.add(launch(name, server, o.ip(i), o.basePort() + i, nodeDir));
            }
            SandboxState state = new SandboxState(name, o.replicas(), false, nodes);
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

    /** Records that the cluster was made: from now on {@code up} restarts these nodes with their data. */
    public void markCreated(SandboxState state) {
        state.withCreated(true).write(dir);
    }

    /**
     * Starts again every node of a made sandbox that is not running, on its address, port and directory, so it
     * loads its nodes.conf and its data and rejoins the cluster.
     *
     * @return the nodes started (empty when all were running)
     * @throws OperationRefusedException when a stopped node's port is taken by another process
     */
    public List<SandboxNode> restart(SandboxState state, ProgressListener progress) {
        List<SandboxNode> stopped = status(state).stream().filter(s -> !s.running()).map(NodeStatus::node).toList();
        if (stopped.isEmpty()) {
            return List.of();
        }
        List<String> busy = new ArrayList<>();
        for (SandboxNode n : stopped) {
            busy.addAll(busyPorts(n.ip(), n.port()));
        }
        if (!busy.isEmpty()) {
            busy.add("Those nodes were not restarted; stop what uses the ports and run 'trib sandbox up' again.");
            throw new OperationRefusedException(busy, false);
        }
        Path server = serverExecutable(state.server());
        progress.step("Starting " + stopped.size() + " of " + state.nodes().size() + " " + state.server()
                + " nodes again in " + dir);
        List<SandboxNode> started = new ArrayList<>();
        List<SandboxNode> all = new ArrayList<>(state.nodes());
        try {
            for (SandboxNode n : stopped) {
                SandboxNode again = launch(state.server(), server, n.ip(), n.port(), n.dir());
                started.add(again);
                all.set(all.indexOf(n), again);
            }
            state.withNodes(all).write(dir);
            for (SandboxNode n : started) {
                awaitListening(n);
            }
            return started;
        } catch (RuntimeException e) {
            terminateAll(started);
            throw e;
        }
    }

    private static Path serverExecutable(String name) {
        return name.equals(REDIS_NAME)
                ? executable(REDIS_NAME).orElseThrow(() -> new OperationRefusedException(
                "redis-server is not installed (apt-get install redis-server); '--server node' runs the bundled "
                        + "node instead."))
                : nodeLauncher().orElseThrow(() -> new OperationRefusedException(
                "bin/trib-node was not found next to this trib; '--server redis' needs redis-server instead."));
    }

    /** The port and the bus port, on the node's address and on 127.0.0.1 where it answers too. */
    private static List<String> busyPorts(String ip, int port) {
        List<String> busy = new ArrayList<>();
        for (String a : addresses(ip)) {
            if (!free(a, port)) {
                busy.add("Port " + port + " on " + a + " is in use.");
            } else if (!free(a, port + 10000)) {
                busy.add("Cluster bus port " + (port + 10000) + " on " + a + " is in use.");
            }
        }
        return busy;
    }

    /**
     * Where a node listens: its own address, which it announces (distinct addresses stand for distinct hosts, so
     * replicas land on another "host"), and 127.0.0.1, so {@code redis-cli -p PORT} reaches every node.
     */
    private static List<String> addresses(String ip) {
        return ip.equals(LOOPBACK) ? List.of(ip) : List.of(ip, LOOPBACK);
    }

    /** A new node starts without a cluster config or data that an earlier, unfinished start left behind. */
    private static void wipe(Path nodeDir) {
        try {
            Files.createDirectories(nodeDir);
            for (String f : List.of("nodes.conf", "dump.rdb", "redis.pid")) {
                Files.deleteIfExists(nodeDir.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + nodeDir, e);
        }
    }

    /**
     * A node in the background, keeping its cluster config (nodes.conf) and data (dump.rdb, saved at the default
     * save points and on the SIGTERM of 'down') in its directory. redis-server daemonizes and reports its pid in
     * redis.pid; the bundled node does not daemonize, so the process we start is the node (the launcher execs
     * java) and it writes the same pid file.
     */
    private static SandboxNode launch(String name, Path server, String ip, int port, Path nodeDir) {
        List<String> cmd = new ArrayList<>(List.of(server.toString(), "--port", Integer.toString(port), "--bind"));
        cmd.addAll(addresses(ip));
        cmd.addAll(List.of("--cluster-announce-ip", ip, "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000", "--dir", nodeDir.toString(),
                "--pidfile", nodeDir.resolve("redis.pid").toString(),
                "--logfile", nodeDir.resolve("redis.log").toString(), "--appendonly", "no"));
        try {
            Files.deleteIfExists(nodeDir.resolve("redis.pid"));
            if (name.equals(REDIS_NAME)) {
                cmd.addAll(List.of("--daemonize", "yes", "--protected-mode", "no"));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(nodeDir.resolve("start.log").toFile()).start();
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new OperationRefusedException("redis-server on port " + port + " did not start: see "
                            + nodeDir.resolve("start.log"));
                }
                Path pidFile = nodeDir.resolve("redis.pid");
                Waits.until(Duration.ofSeconds(10), () -> Files.exists(pidFile) ? Optional.empty()
                        : Optional.of("redis-server on port " + port + " wrote no pid file; see "
                        + nodeDir.resolve("redis.log")));
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                return new SandboxNode(ip, port, nodeDir, pid);
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(nodeDir.resolve("start.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return new SandboxNode(ip, port, nodeDir, p.pid());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
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
     * (SIGTERM: each saves its data first) at once, then each is given 30 s to exit before it is killed.
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
                Waits.until(Duration.ofSeconds(30), Duration.ofMillis(10),
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
