package dev.trib.cli.command;

import dev.trib.cli.Trib;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "sandbox", description = "Run a local cluster of background nodes: up, status, down, clean.",
        subcommands = {SandboxUpCommand.class, SandboxStatusCommand.class, SandboxDownCommand.class,
                SandboxCleanCommand.class})
public final class SandboxCommand {
    @ParentCommand
    Trib trib;
}
