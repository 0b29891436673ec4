package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribException;
import dev.trib.cli.daemon.DaemonClient;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.commands.exec.Waits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "stop", description = "Stop the daemon once the commands it is running have answered; later "
        + "commands start their own JVM again.")
public final class DaemonStopCommand implements Callable<Integer> {
    @ParentCommand
    DaemonCommand daemon;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        Path file = daemon.file();
        Optional<DaemonClient.Status> status = DaemonClient.status(file);
        if (status.isEmpty()) {
            return DaemonCommand.answer(output, ExitCodes.OK, "No trib daemon running.", Map.of("stopped", false));
        }
        long pid = status.get().pid();
        if (!DaemonClient.stop(file)) {
            throw new TribException(ExitCodes.PROBLEMS, "the trib daemon (pid " + pid + ") did not answer the stop; "
                    + "kill " + pid + " ends it");
        }
        // Gone once it answers no more: commands in flight have had their answers, later ones start their own JVM.
        Waits.until(Duration.ofSeconds(40), () -> DaemonClient.status(file).isPresent()
                ? Optional.of("the trib daemon (pid " + pid + ") still answers") : Optional.empty());
        return DaemonCommand.answer(output, ExitCodes.OK, "trib daemon stopped (pid " + pid + ").",
                Map.of("stopped", true, "pid", pid));
    }
}
