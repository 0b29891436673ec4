package dev.trib.cli;

import dev.trib.cli.prompt.ConsolePrompter;
import picocli.CommandLine;

import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.CreatePlanText;
import dev.trib.cli.output.Json;
import dev.trib.cli.output.Printer;
import dev.trib.commands.ops.CreateOperation;
import dev.trib.planner.alloc.CreatePlan;
import dev.trib.planner.alloc.CreatePlanner;
import dev.trib.planner.alloc.NodeSpec;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterChecker;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.ClusterView;
import dev.trib.planner.topology.HostAndPort;
import dev.trib.planner.topology.KeySlot;
import dev.trib.planner.topology.NodesParser;
import dev.trib.planner.topology.ViewParts;

import dev.trib.commands.exec.Parallel;
import dev.trib.commands.node.Batch;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeConnector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * For bin/trib's class-data-sharing archive: loads (without initialising) every class in trib's jar, so the archive
 * made at exit holds all of them, not only those one sample command touches, then runs the network-free parts of
 * a command. Class loading and verification are most of a short command's start-up; a migration or a prompt would
 * otherwise pay for its classes on every run.
 */
public final class ClassArchiveTraining {
    private ClassArchiveTraining() {
    }

    /** Nodes of the daemon's warm-up cluster: the size its users run, so the hot loops are compiled for it. */
    static final int WARM_UP_NODES = 150;

    /**
     * The same rehearsal for the resident daemon, then the check of a made-up {@value #WARM_UP_NODES}-node cluster
     * a few times over: its first request then finds the classes loaded and the parsing and checking compiled
     * (measured at 150 nodes: the first check used 0.64-0.78 s of CPU without it, 0.32-0.44 s with two rounds,
     * which cost ~0.6 s more at start).
     */
    public static void rehearse() {
        loadEveryClass();
        try {
            for (int round = 0; round < 2; round++) {
                rehearseCreateAndCheck(WARM_UP_NODES);
            }
        } catch (RuntimeException e) {
            // a colder first request, nothing else (ClassArchiveTrainingTest fails)
        }
    }

    static void loadEveryClass() {
        loadJarClasses();
        try {
            walkCommandModel();
            rehearseCreateAndCheck(6);
        } catch (RuntimeException e) {
            // a rehearsal that trips over a model change costs start-up time only (ClassArchiveTrainingTest fails)
        }
        rehearseNodeTalk();
    }

    /**
     * One RESP exchange with a loopback stand-in for a node, from worker threads as trib talks to nodes: the
     * socket classes and the reply parser are then warm in the archive too.
     */
    private static void rehearseNodeTalk() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[256]);
                    s.getOutputStream().write("+OK\r\n*1\r\n$5\r\nhello\r\n:1\r\n-ERR no\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the client side below then fails, quietly
                }
            });
            answering.start();
            Parallel.map(List.of(server.getLocalPort()), port -> {
                try (NodeConnector nodes = new NodeConnector(ConnectionSettings.plain())) {
                    Batch b = nodes.connect(new HostAndPort("127.0.0.1", port)).batch();
                    Batch.Step<Void> stable = b.stable(0);
                    Batch.Step<List<byte[]>> keys = b.getKeysInSlot(0, 1);
                    Batch.Step<Long> count = b.countKeysInSlot(0);
                    Batch.Step<Boolean> exists = b.exists(new byte[] {'k'});
                    b.send();
                    return List.of(stable.answer(), keys.answer(), count.answer(), exists.answer());
                }
            });
            answering.join(2000);
        } catch (IOException | RuntimeException e) {
            // no loopback socket here: the archive misses these classes, nothing else changes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the pure parts of create and check on made-up nodes: planning, CLUSTER NODES parsing, the check and its
     * text and JSON output. The lambdas, record methods and method handles these first calls generate are then in
     * the archive instead of being spun at every start.
     */
    static CheckReport rehearseCreateAndCheck(int nodeCount) {
        List<NodeSpec> specs = new ArrayList<>();
        Map<NodeSpec, String> ids = new HashMap<>();
        for (int i = 0; i < nodeCount; i++) {
            NodeSpec spec = new NodeSpec(new HostAndPort("127.0.0." + (1 + i % 3), 7000 + i), "127.0.0." + (1 + i % 3));
            specs.add(spec);
            ids.put(spec, String.format("%040x", i + 1));
        }
        CreatePlan plan = CreatePlanner.plan(specs, 1);
        List<CreateOperation.Candidate> candidates = new ArrayList<>();
        StringBuilder nodes = new StringBuilder();
        int epoch = 1;
        for (var m : plan.masters()) {
            nodes.append(line(ids, m.node(), "master", "-", epoch++)).append(' ').append(m.slots().start())
                    .append('-').append(m.slots().end()).append('\n');
        }
        for (var r : plan.replicas()) {
            nodes.append(line(ids, r.replica(), "slave", ids.get(r.master()), epoch++)).append('\n');
        }
        List<NodeReport> reports = new ArrayList<>();
        ViewParts parts = new ViewParts(); // as a load shares them
        for (NodeSpec s : specs) {
            String bus = s.address() + "@" + (s.address().port() + 10000) + " ";
            String mine = nodes.toString().replace(bus, bus + "myself,");
            ClusterView view = NodesParser.parse(mine, parts);
            candidates.add(new CreateOperation.Candidate(s, null, view.myself().orElseThrow()));
            reports.add(NodeReport.reached(s.address(), view, Map.of("cluster_state", "ok",
                    "cluster_slots_assigned", "16384", "cluster_known_nodes", Integer.toString(nodeCount)), 0));
        }
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        Printer printer = new Printer(nowhere, true, false);
        CreatePlanText.print(printer, new CreateOperation.Prepared(candidates, plan));
        CheckReport report = ClusterChecker.check(new ClusterSnapshot(specs.get(0).address(), reports), true);
        ClusterText.check(printer, report);
        ClusterText.info(printer, report.snapshot());
        Json.print(nowhere, Json.check(report, 0));
        KeySlot.of("{user:1}:name".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return report;
    }

    private static String line(Map<NodeSpec, String> ids, NodeSpec node, String role, String master, int epoch) {
        HostAndPort a = node.address();
        return ids.get(node) + " " + a + "@" + (a.port() + 10000) + " " + role + " " + master + " 0 0 " + epoch
                + " connected";
    }

    /**
     * Builds picocli's model of every subcommand, renders each one's help and parses a sample command line, so the
     * JDK classes that reflection over annotations pulls in (and picocli's own) are in the archive too. Nothing
     * runs and nothing is printed.
     */
    static void walkCommandModel() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        TribContext context = new TribContext(Environment.system(), new ConsolePrompter(System.err), false);
        CommandLine all = CommandLineFactory.create(context, nowhere, nowhere);
        all.getUsageMessage();
        all.getSubcommands().values().forEach(CommandLine::getUsageMessage);
        CommandLineFactory.forArgs(context, nowhere, nowhere, "create")
                .parseArgs("create", "--replicas", "1", "--yes", "127.0.0.1:7000", "[::1]:7001", "localhost:7002");
    }

    /**
     * lettuce and what it brings (Netty, Reactor) are used by consistency-test alone, a command that runs for
     * seconds to hours: left out, they keep the archive (and every other command's start-up) as it was without them.
     */
    static boolean onlyForConsistencyTest(String classFile) {
        return classFile.startsWith("io/lettuce/") || classFile.startsWith("io/netty/")
                || classFile.startsWith("reactor/") || classFile.startsWith("org/reactivestreams/");
    }

    private static void loadJarClasses() {
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            return;
        }
        if (!jar.toString().endsWith(".jar")) {
            return;
        }
        ClassLoader loader = Main.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(JarEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.contains("-") && !n.startsWith("META-INF/")
                            && !onlyForConsistencyTest(n))
                    .forEach(n -> {
                        try {
                            Class.forName(n.substring(0, n.length() - 6).replace('/', '.'), false, loader);
                        } catch (Throwable optionalOrPlatformSpecific) {
                            // e.g. jline's classes for other platforms: skipped, as a normal run would never load them
                        }
                    });
        } catch (IOException e) {
            // no archive content beyond the defaults: start-up is slower, nothing else changes
        }
    }
}
