package dev.trib.cli.command;

import dev.trib.cli.Trib;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = SandboxCommand.NAME, description = "Run a local cluster of background nodes: up, status, down, clean.",
        subcommands = {SandboxUpCommand.class, SandboxStatusCommand.class, SandboxDownCommand.class,
                SandboxCleanCommand.class})
public final class SandboxCommand {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "sandbox";

    @ParentCommand
    Trib trib;
}
