package dev.trib.cli.daemon;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A resident trib: runs the read-only commands the launcher hands it ({@link InProcessRun}) in this warm JVM, so a
 * check costs the work and not a JVM start, which is most of a check's time. Listens on loopback only; greets every
 * connection with the proof from the owner-only {@link DaemonFile} and answers only a request with the token from
 * it. A command's output is sent back whole, stderr first, once it has finished.
 */
public final class DaemonServer implements AutoCloseable {
    /** How long a connection may take to send its request: the launcher sends it at once. */
    private static final int REQUEST_TIMEOUT_MS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Commands run at once; more wait their turn. Bounds the heap (256 MB): a check keeps N² lines of CLUSTER
     * NODES, ~15 MB live at 150 nodes (measured), so ~40 MB at 250.
     */
    private static final int MAX_CONCURRENT_RUNS = 4;

    private final Path file;
    private final DaemonFile identity;
    private final ServerSocket server;
    private final Path jar;
    private final FileTime jarTime;
    private final Duration idleTimeout;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "trib-daemon-request");
        t.setDaemon(true);
        return t;
    });
    private final Semaphore concurrentRuns = new Semaphore(MAX_CONCURRENT_RUNS);
    private final AtomicLong served = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final long startedMillis = System.currentTimeMillis();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean stopping;

    private DaemonServer(Path file, ServerSocket server, Path jar, Duration idleTimeout) throws IOException {
        this.file = file;
        this.server = server;
        this.identity = new DaemonFile(server.getLocalPort(), secret(), secret(), ProcessHandle.current().pid());
        this.jar = jar.toRealPath();
        this.jarTime = Files.getLastModifiedTime(this.jar);
        this.idleTimeout = idleTimeout;
    }

    /**
     * Listens on a free loopback port and publishes it in {@code file}. {@code jar} is the jar the launcher runs:
     * a request naming another one, or a jar that changed since (an upgrade, a rebuild), is left to the launcher.
     */
    public static DaemonServer start(Path file, Path jar, Duration idleTimeout) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try {
            DaemonServer daemon = new DaemonServer(file, server, jar, idleTimeout);
            daemon.identity.write(file);
            return daemon;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public int port() {
        return identity.port();
    }

    /** Accepts requests until stopped, idle for the idle timeout, or replaced by another daemon in the file. */
    public void serve() {
        try {
            server.setSoTimeout((int) Math.min(Math.max(idleTimeout.toMillis() / 4, 100), 60_000));
            while (!stopping) {
                try {
                    Socket s = server.accept();
                    workers.execute(() -> handle(s));
                } catch (SocketTimeoutException quiet) {
                    if (idle() || DaemonFile.read(file).filter(identity::equals).isEmpty()) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            if (!stopping) {
                System.err.println("trib daemon: stopped: " + e.getMessage());
            }
        } finally {
            close();
        }
    }

    private boolean idle() {
        return running.get() == 0 && System.nanoTime() - lastActivityNanos > idleTimeout.toNanos();
    }

    @Override
    public void close() {
        stopping = true;
        identity.removeIfOurs(file);
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        workers.shutdown();
    }

    /** Lets requests in flight send their answer, for a stop that does not cut off another caller's check. */
    public void awaitRequests(Duration timeout) throws InterruptedException {
        workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(Socket s) {
        running.incrementAndGet();
        try (s) {
            s.setSoTimeout(REQUEST_TIMEOUT_MS);
            OutputStream reply = s.getOutputStream();
            reply.write(identity.greeting().getBytes(StandardCharsets.US_ASCII));
            reply.flush();
            DaemonRequest request = DaemonRequest.read(new BufferedInputStream(s.getInputStream()));
            if (!MessageDigest.isEqual(request.token().getBytes(StandardCharsets.US_ASCII),
                    identity.token().getBytes(StandardCharsets.US_ASCII))) {
                return;
            }
            switch (request.verb()) {
                case DaemonRequest.RUN -> run(request, reply);
                case DaemonRequest.STATUS -> {
                    reply.write(status().getBytes(StandardCharsets.UTF_8));
                    if (jarChanged()) {
                        close(); // so 'daemon start' after an upgrade starts the new code
                    }
                }
                case DaemonRequest.STOP -> {
                    reply.write("stopped\n".getBytes(StandardCharsets.US_ASCII));
                    reply.flush();
                    close();
                }
                default -> reply.write(("no unknown request " + request.verb() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            reply.flush();
        } catch (IOException e) {
            // a client that went away (Ctrl-C) or was not the launcher: nothing to answer
        } finally {
            lastActivityNanos = System.nanoTime();
            running.decrementAndGet();
        }
    }

    /** "running PID PORT STARTED_MILLIS SERVED", or "stale" once the jar changed: a line for {@link DaemonClient}. */
    private String status() {
        return jarChanged() ? "stale\n"
                : "running " + identity.pid() + " " + identity.port() + " " + startedMillis + " " + served.get() + "\n";
    }

    private void run(DaemonRequest request, OutputStream reply) throws IOException {
        InProcessRun command = new InProcessRun(request);
        Optional<String> refusal = jarRefusal(request).or(command::refusal);
        if (refusal.isPresent()) {
            reply.write(("no " + refusal.get() + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        InProcessRun.Answer answer;
        try {
            concurrentRuns.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopping: no answer, so the launcher runs the command itself
        }
        try {
            answer = command.execute();
        } finally {
            concurrentRuns.release();
        }
        served.incrementAndGet();
        String header = "x " + answer.exitCode() + " " + answer.err().length + "\n";
        reply.write(header.getBytes(StandardCharsets.US_ASCII));
        reply.write(answer.err());
        reply.write(answer.out());
    }

    /** Why this daemon's code must not run the request (a stale or another installation's jar), or empty. */
    private Optional<String> jarRefusal(DaemonRequest request) {
        if (!sameJar(request.jar())) {
            if (jarChanged()) {
                // An upgrade or a rebuild: this daemon runs old code. The launcher runs the command itself.
                workers.execute(this::close);
                return Optional.of("stale: the jar changed since the daemon started");
            }
            return Optional.of("another installation's daemon");
        }
        return Optional.empty();
    }

    private boolean sameJar(String requested) {
        try {
            return Path.of(requested).toRealPath().equals(jar) && !jarChanged();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean jarChanged() {
        try {
            return !Files.getLastModifiedTime(jar).equals(jarTime);
        } catch (IOException e) {
            return true;
        }
    }
}
