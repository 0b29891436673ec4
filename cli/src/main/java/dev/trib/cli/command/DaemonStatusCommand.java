package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.daemon.DaemonClient;
import dev.trib.cli.mixin.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status", description = "Say whether the daemon runs, since when and how many commands it ran. "
        + "Exit 1 if it does not run.")
public final class DaemonStatusCommand implements Callable<Integer> {
    @ParentCommand
    DaemonCommand daemon;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Optional<DaemonClient.Status> status = DaemonClient.status(daemon.file());
        if (status.isEmpty()) {
            return DaemonCommand.answer(output, ExitCodes.PROBLEMS, "No trib daemon running; '" + daemon.self()
                    + " daemon start' starts one.", Map.of("running", false));
        }
        DaemonClient.Status s = status.get();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("running", true);
        fields.put("pid", s.pid());
        fields.put("port", s.port());
        fields.put("started", s.started().toString());
        fields.put("commandsRun", s.served());
        return DaemonCommand.answer(output, ExitCodes.OK, "trib daemon running: pid " + s.pid() + ", 127.0.0.1:"
                + s.port() + ", up " + Duration.between(s.started(), Instant.now()).toMinutes() + " min, " + s.served()
                + " command(s) run; check, info and watch --once run in it.", fields);
    }
}
