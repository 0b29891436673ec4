package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.SandboxDirOption;
import dev.trib.commands.sandbox.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "clean", description = "Stop the sandbox's nodes and delete its directory.")
public final class SandboxCleanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SandboxDirOption dir;

    @Override
    public Integer call() {
        Sandbox sandbox = dir.sandbox();
        sandbox.clean();
        spec.commandLine().getOut().println("Removed the sandbox in " + sandbox.dir() + ".");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
