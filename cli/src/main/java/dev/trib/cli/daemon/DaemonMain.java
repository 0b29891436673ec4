package dev.trib.cli.daemon;

import dev.trib.cli.ClassArchiveTraining;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** The daemon's JVM, started by {@code trib daemon start}: DAEMON_FILE JAR IDLE_MINUTES. */
public final class DaemonMain {
    private DaemonMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path jar = Path.of(args[1]);
        Duration idle = Duration.ofMinutes(Long.parseLong(args[2]));
        // Classes loaded and the command model built before the first request, which would otherwise pay for both.
        ClassArchiveTraining.rehearse();
        DaemonServer started;
        try {
            started = DaemonServer.start(file, jar, idle);
        } catch (IOException e) {
            // one line in the log that trib daemon start names (no port, or no place for the daemon's file)
            System.err.println("trib daemon: cannot start: " + e);
            System.exit(1);
            return;
        }
        try (DaemonServer daemon = started) {
            System.err.println("trib daemon: pid " + ProcessHandle.current().pid() + " listening on 127.0.0.1:"
                    + daemon.port() + ", idle timeout " + idle.toMinutes() + " min");
            daemon.serve();
            daemon.awaitRequests(Duration.ofSeconds(30));
        }
        System.err.println("trib daemon: stopped");
        System.exit(0);
    }
}
