package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribException;
import dev.trib.cli.daemon.DaemonClient;
import dev.trib.cli.daemon.DaemonMain;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.commands.exec.Waits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "start", description = "Start the daemon in the background (once per installation and user). "
        + "While it runs, the launcher hands it check, info and watch --once; TRIB_NO_DAEMON=1 bypasses it. It "
        + "listens on loopback only, for connections that show the key in its owner-only file.")
public final class DaemonStartCommand implements Callable<Integer> {
    /** The daemon's own JVM: a small heap is plenty for a 250-node check, and the serial collector needs no threads. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx256m", "-Xss1m");

    @ParentCommand
    DaemonCommand daemon;

    @Mixin
    OutputOptions output;

    @Option(names = "--idle-minutes", paramLabel = "MIN", defaultValue = "180",
            description = "Stop after this long without a command (default: ${DEFAULT-VALUE}).")
    long idleMinutes;

    @Override
    public Integer call() {
        if (idleMinutes < 1) {
            throw new TribException(ExitCodes.USAGE, "--idle-minutes must be at least 1");
        }
        Path file = daemon.file();
        Optional<DaemonClient.Status> running = DaemonClient.status(file);
        if (running.isPresent()) {
            return DaemonCommand.answer(output, ExitCodes.OK, "trib daemon already running (pid "
                    + running.get().pid() + ").", Map.of("pid", running.get().pid(), "alreadyRunning", true));
        }
        Path log = file.resolveSibling(file.getFileName() + ".log");
        Process process = launch(file, log);
        Waits.until(Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new TribException(ExitCodes.PROBLEMS, "the trib daemon exited at start (code "
                        + process.exitValue() + "); see " + log);
            }
            return DaemonClient.status(file).filter(s -> s.pid() == process.pid()).isPresent() ? Optional.empty()
                    : Optional.of("the trib daemon (pid " + process.pid() + ") did not answer; see " + log);
        });
        return DaemonCommand.answer(output, ExitCodes.OK, "trib daemon running (pid " + process.pid() + "): check, "
                + "info and watch --once run in it. Stop it with: " + daemon.self() + " daemon stop",
                Map.of("pid", process.pid(), "alreadyRunning", false));
    }

    /**
     * This JVM's java and jar, detached from the terminal: stdin from /dev/null, output to the log, and under nohup
     * where there is one, so closing the terminal does not end it.
     */
    private Process launch(Path file, Path log) {
        String classPath = System.getProperty("java.class.path");
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            throw new TribException(ExitCodes.USAGE, "trib daemon start runs from trib's jar, through the launcher");
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", classPath, DaemonMain.class.getName(), file.toAbsolutePath().toString(),
                classPath, Long.toString(idleMinutes)));
        try {
            try {
                List<String> detached = new ArrayList<>(List.of("nohup"));
                detached.addAll(command);
                return start(detached, log);
            } catch (IOException noNohup) {
                return start(command, log);
            }
        } catch (IOException e) {
            throw new TribException(ExitCodes.PROBLEMS, "cannot start the trib daemon: " + e.getMessage());
        }
    }

    private static Process start(List<String> command, Path log) throws IOException {
        java.nio.file.Files.createDirectories(log.toAbsolutePath().getParent());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
}
