package dev.trib.node.net;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * daemonize yes: a JVM cannot fork, so it starts itself again — same command line plus
 * {@code --daemonize no}, which wins as the later directive — in a new session with no terminal and
 * its output discarded (as redis-server's daemon, which logs only to its logfile), then exits.
 */
final class Daemon {
    private Daemon() {
    }

    /** @return the exit status for this (parent) process */
    static int relaunch(String[] args) {
        // Not ProcessHandle's arguments(): it stops at the first empty argument (--save "").
        java.util.Optional<String> launcher = ProcessHandle.current().info().command();
        if (launcher.isEmpty()) {
            System.err.println("Fatal: cannot daemonize: the java executable is unknown");
            return 1;
        }
        List<String> cmd = new ArrayList<>();
        // setsid detaches the node from this terminal's session, as fork + setsid does for redis-server.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(launcher.get());
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--daemonize", "no"));
        try {
            new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return 0;
        } catch (IOException e) {
            System.err.println("Fatal: cannot daemonize: " + e.getMessage());
            return 1;
        }
    }
}
