package dev.trib.cli.daemon;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribRunner;
import dev.trib.commands.fixture.Poll;
import dev.trib.commands.fixture.RedisNode;
import dev.trib.commands.fixture.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon as users meet it: the real launcher (dist/src/bin/trib, run by bash) hands commands to a daemon
 * serving in this JVM, on a cluster of real redis-server nodes. The launcher is given a jar that is not one, so a
 * command the daemon did not answer fails loudly instead of passing through a JVM of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonIT {
    private static final Path LAUNCHER = Path.of("..", "dist", "src", "bin", "trib").toAbsolutePath().normalize();

    private TestCluster cluster;
    private RedisNode entry;
    private Path dir;
    private Path jar;
    private Path file;
    private DaemonServer daemon;
    private Thread serving;

    @BeforeAll
    void start() throws IOException {
        cluster = TestCluster.sixNodesByRedisCli();
        entry = cluster.node(0);
        dir = Files.createTempDirectory("trib-daemon-it");
        jar = Files.writeString(dir.resolve("trib.jar"), "not a jar: a command run outside the daemon fails");
        Path archive = Files.writeString(dir.resolve("trib.jsa"), "");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        file = dir.resolve("daemon");
        daemon = DaemonServer.start(file, jar, Duration.ofMinutes(10));
        serving = new Thread(daemon::serve, "daemon-it");
        serving.start();
    }

    @AfterAll
    void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Run(int exitCode, String out, String err) {
    }

    /** bin/trib's launcher as a user's shell runs it, with the given variables added and from {@code cwd}. */
    private Run launcher(Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove("REDISCLI_AUTH");
        pb.environment().remove("REDISCLI_CLUSTER_YES");
        pb.environment().remove("TRIB_NO_DAEMON");
        pb.environment().putAll(Map.of("TRIB_JAR", jar.toString(), "TRIB_CDS", dir.resolve("trib.jsa").toString(),
                "TRIB_SELF", "trib"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not return");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run launcher(String... args) throws Exception {
        return launcher(dir, Map.of(), args);
    }

    private static Run inProcess(TribRunner runner, String... args) {
        TribRunner.Result r = runner.env("TRIB_SELF", "trib").run(args);
        return new Run(r.exitCode(), r.out(), r.err());
    }

    private long served() {
        return DaemonClient.status(file).orElseThrow().served();
    }

    @Test
    @Order(1)
    void readCommandsAnswerAsAJvmOfTheirOwnWould() throws Exception {
        long before = served();
        List<String[]> commands = List.of(new String[] {"check", entry.hostPort()},
                new String[] {"check", "--json", entry.hostPort()}, new String[] {"info", entry.hostPort()},
                new String[] {"watch", "--once", entry.hostPort()}, new String[] {"info", "--json", entry.hostPort()});
        for (String[] args : commands) {
            Run viaDaemon = launcher(args);
            Run own = inProcess(new TribRunner(), args);
            assertEquals(ExitCodes.OK, viaDaemon.exitCode(), String.join(" ", args) + ": " + viaDaemon);
            assertTrue(viaDaemon.out().contains(entry.hostPort()), viaDaemon.toString());
            if (!args[0].equals("watch")) { // watch's snapshot holds per-second rates, which differ between runs
                assertEquals(own, viaDaemon, String.join(" ", args));
            }
        }
        assertTrue(launcher("check", entry.hostPort()).out().lines()
                .anyMatch("[OK] All 16384 slots covered."::equals));
        assertEquals(before + commands.size() + 1, served());
    }

    @Test
    @Order(2)
    void callersAtOnceEachGetTheirOwnAnswer() throws Exception {
        // Two different answers, alternating among ten callers at once: none may get the other's output.
        String[] healthyArgs = {"check", entry.hostPort()};
        String[] usageArgs = {"check", "--json", "not-an-address"};
        Run healthy = launcher(healthyArgs);
        Run usage = launcher(usageArgs);
        assertEquals(ExitCodes.USAGE, usage.exitCode(), usage.toString());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String[] args = i % 2 == 0 ? healthyArgs : usageArgs;
                runs.add(pool.submit(() -> launcher(args)));
            }
            for (int i = 0; i < runs.size(); i++) {
                assertEquals(i % 2 == 0 ? healthy : usage, runs.get(i).get(120, TimeUnit.SECONDS), "caller " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void failuresKeepTheirExitCodeStderrAndJsonDocument() throws Exception {
        String nowhere = "127.0.0.1:" + closedPort();
        Run text = launcher("check", nowhere);
        assertEquals(ExitCodes.UNREACHABLE, text.exitCode(), text.toString());
        assertEquals(inProcess(new TribRunner(), "check", nowhere), text);
        assertEquals(1, text.err().lines().count(), text.toString());
        Run json = launcher("check", "--json", nowhere);
        assertEquals(ExitCodes.UNREACHABLE, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"exitCode\" : 3"), json.toString());
        Run usage = launcher("check", "not-an-address");
        assertEquals(ExitCodes.USAGE, usage.exitCode(), usage.toString());
        assertEquals(inProcess(new TribRunner(), "check", "not-an-address"), usage);
    }

    @Test
    @Order(4)
    void theCallersEnvironmentAndWorkingDirectoryApply() throws Exception {
        // The nodes have no password: a password makes AUTH fail (exit 3), a missing pass file is a usage error.
        Path cwd = Files.createDirectory(dir.resolve("elsewhere"));
        Files.writeString(cwd.resolve("pw.txt"), "wrong\n");
        Run relativeFile = launcher(cwd, Map.of(), "check", "--pass-file", "pw.txt", entry.hostPort());
        assertEquals(ExitCodes.UNREACHABLE, relativeFile.exitCode(), relativeFile.toString());
        assertEquals(inProcess(new TribRunner(), "check", "--pass-file", cwd.resolve("pw.txt").toString(),
                entry.hostPort()), relativeFile);
        Run fromEnvironment = launcher(dir, Map.of("REDISCLI_AUTH", "wrong"), "check", entry.hostPort());
        assertEquals(inProcess(new TribRunner().env("REDISCLI_AUTH", "wrong"), "check", entry.hostPort()),
                fromEnvironment);
        assertEquals(ExitCodes.UNREACHABLE, fromEnvironment.exitCode(), fromEnvironment.toString());
        Run noColour = launcher(dir, Map.of("NO_COLOR", "1"), "check", entry.hostPort());
        assertEquals(ExitCodes.OK, noColour.exitCode(), noColour.toString());
    }

    @Test
    @Order(5)
    void whatTheDaemonDoesNotRunIsLeftToTheLauncher() throws Exception {
        assertTrue(ask("run", List.of("watch", entry.hostPort())).startsWith("no "));
        assertTrue(ask("run", List.of("check", "--askpass", entry.hostPort())).startsWith("no "));
        assertTrue(ask("run", List.of("create", "--yes", entry.hostPort())).startsWith("no "));
        assertTrue(ask("run", List.of("call", entry.hostPort(), "FLUSHALL")).startsWith("no "));
        assertTrue(ask("run", List.of("check", entry.hostPort())).startsWith("x 0 0\n"));
        // Through the launcher, a refused command runs in its own JVM: here the stand-in jar, which fails.
        Run call = launcher("call", entry.hostPort(), "PING");
        assertTrue(call.err().contains("jar"), call.toString());
    }

    @Test
    @Order(6)
    void aConnectionWithoutTheKeyGetsNothing() throws Exception {
        long before = served();
        DaemonFile real = DaemonFile.read(file).orElseThrow();
        assertEquals("", exchange(real.port(), List.of(DaemonRequest.MAGIC, "0".repeat(real.token().length()), "run",
                jar.toString(), dir.toString(), "0", "0", "2", "check", entry.hostPort())));
        assertEquals("", exchange(real.port(), List.of("GET / HTTP/1.0\r\n\r\n")));
        assertEquals(before, served());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    @Order(7)
    void aProgramOnTheDaemonsPortIsToldNothing() throws Exception {
        // A daemon gone, its port taken by another program: the launcher waits for the proof before it sends.
        Path other = Files.createDirectory(dir.resolve("other"));
        Path archive = Files.writeString(other.resolve("trib.jsa"), "");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (java.net.ServerSocket squatter = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket s = squatter.accept()) {
                    s.getOutputStream().write((DaemonRequest.MAGIC + " a-guess\n").getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().transferTo(received);
                } catch (IOException ignored) {
                    // the assertions below say what arrived
                }
            });
            answering.start();
            Files.writeString(other.resolve("daemon"), squatter.getLocalPort() + " key proof 1\n");
            Run r = launcher(dir, Map.of("TRIB_CDS", archive.toString(), "REDISCLI_AUTH", "secret"),
                    "check", entry.hostPort());
            assertTrue(r.err().contains("jar"), "not run by the launcher itself: " + r);
            answering.join(10_000);
        }
        assertEquals(0, received.size(), received.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Order(8)
    void statusReportsTheDaemonAndStopEndsIt() {
        TribRunner withFile = new TribRunner().env(DaemonFile.LOCATION_VARIABLE, file.toString());
        TribRunner.Result status = withFile.run("daemon", "status");
        assertEquals(ExitCodes.OK, status.exitCode(), status.toString());
        assertTrue(status.out().startsWith("trib daemon running: pid " + ProcessHandle.current().pid() + ", "),
                status.toString());
        TribRunner.Result json = withFile.run("daemon", "status", "--json");
        assertEquals(ExitCodes.OK, json.exitCode(), json.toString());
        assertTrue(json.out().startsWith("{\n  \"exitCode\" : 0,\n  \"running\" : true,\n  \"pid\" : "
                + ProcessHandle.current().pid() + ",\n"), json.toString());
        TribRunner.Result stop = withFile.run("daemon", "stop");
        assertEquals(ExitCodes.OK, stop.exitCode(), stop.toString());
        assertEquals("trib daemon stopped (pid " + ProcessHandle.current().pid() + ").\n", stop.out());
        Poll.until(Duration.ofSeconds(10), "the daemon to stop serving", () -> !serving.isAlive());
        assertFalse(Files.exists(file), "the daemon file is left");
        TribRunner.Result after = withFile.run("daemon", "status");
        assertEquals(ExitCodes.PROBLEMS, after.exitCode(), after.toString());
        assertEquals("No trib daemon running; 'trib daemon start' starts one.\n", after.out());
        TribRunner.Result afterJson = withFile.run("daemon", "status", "--json");
        assertEquals(ExitCodes.PROBLEMS, afterJson.exitCode(), afterJson.toString());
        assertEquals("{\n  \"exitCode\" : 1,\n  \"running\" : false\n}\n", afterJson.out());
        assertEquals(ExitCodes.OK, withFile.run("daemon", "stop").exitCode());
        TribRunner.Result noLauncher = new TribRunner().run("daemon", "start", "--json");
        assertEquals(ExitCodes.USAGE, noLauncher.exitCode(), noLauncher.toString());
        assertTrue(noLauncher.out().startsWith("{\n  \"exitCode\" : 2,\n  \"error\" : \"trib daemon works through"),
                noLauncher.toString());
    }

    @Test
    @Order(9)
    void aChangedJarRetiresTheDaemon() throws Exception {
        Thread t = serve(DaemonServer.start(file, jar, Duration.ofMinutes(10)));
        assertEquals(ExitCodes.OK, launcher("check", entry.hostPort()).exitCode());
        upgradeJar();
        Run stale = launcher("check", entry.hostPort());
        assertTrue(stale.err().contains("jar"), "run by the stale daemon: " + stale);
        Poll.until(Duration.ofSeconds(10), "the stale daemon to stop serving", () -> !t.isAlive());
        assertFalse(Files.exists(file), "the stale daemon's file is left");

        // 'daemon start' after an upgrade asks for the status first: a stale daemon says so and retires.
        Thread u = serve(DaemonServer.start(file, jar, Duration.ofMinutes(10)));
        TribRunner withFile = new TribRunner().env(DaemonFile.LOCATION_VARIABLE, file.toString());
        assertEquals(ExitCodes.OK, withFile.run("daemon", "status").exitCode());
        upgradeJar();
        assertEquals(ExitCodes.PROBLEMS, withFile.run("daemon", "status").exitCode());
        Poll.until(Duration.ofSeconds(10), "the stale daemon to stop serving", () -> !u.isAlive());
    }

    private static Thread serve(DaemonServer server) {
        Thread t = new Thread(server::serve, "daemon-it-" + server.port());
        t.start();
        return t;
    }

    /** What an upgrade or a rebuild does to the jar the daemon was started from. */
    private void upgradeJar() throws IOException {
        Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(5)));
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    private static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** One request as the launcher would send it; the answer's first line (or "x CODE ERRLEN\n" whole). */
    private String ask(String verb, List<String> args) throws IOException {
        DaemonFile real = DaemonFile.read(file).orElseThrow();
        List<String> fields = new ArrayList<>(List.of(DaemonRequest.MAGIC, real.token(), verb, jar.toString(),
                dir.toString(), "0", "0", Integer.toString(args.size())));
        fields.addAll(args);
        return exchange(real.port(), fields);
    }

    private String exchange(int port, List<String> fields) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            String greeting = line(in);
            assertEquals(DaemonFile.read(file).orElseThrow().greeting(), greeting);
            OutputStream out = s.getOutputStream();
            for (String f : fields) {
                out.write(f.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            out.flush();
            return line(in);
        }
    }

    /** Up to and including the next newline, or what there is before the end. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
