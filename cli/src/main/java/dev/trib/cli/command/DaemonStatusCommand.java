package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.daemon.DaemonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status", description = "Say whether the daemon runs, since when and how many commands it ran. "
        + "Exit 1 if it does not run.")
public final class DaemonStatusCommand implements Callable<Integer> {
    @ParentCommand
    DaemonCommand daemon;

    @Override
    public Integer call() {
        Optional<DaemonClient.Status> status = DaemonClient.status(daemon.file());
        if (status.isEmpty()) {
            daemon.out().println("No trib daemon running; '" + daemon.self() + " daemon start' starts one.");
            daemon.out().flush();
            return ExitCodes.PROBLEMS;
        }
        DaemonClient.Status s = status.get();
        Duration up = Duration.between(s.started(), Instant.now());
        daemon.out().println("trib daemon running: pid " + s.pid() + ", 127.0.0.1:" + s.port() + ", up "
                + up.toMinutes() + " min, " + s.served() + " command(s) run; check, info and watch --once run in it.");
        daemon.out().flush();
        return ExitCodes.OK;
    }
}
