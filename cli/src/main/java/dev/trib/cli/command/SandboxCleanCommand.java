package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.SandboxDirOption;
import dev.trib.commands.sandbox.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "clean", description = "Stop the sandbox's nodes and delete its directory.")
public final class SandboxCleanCommand implements Callable<Integer> {
    @Mixin
    SandboxDirOption dir;

    @Override
    public Integer call() {
        Sandbox sandbox = dir.sandbox();
        sandbox.clean();
        dir.out().println("Removed the sandbox in " + sandbox.dir() + ".");
        dir.out().flush();
        return ExitCodes.OK;
    }
}
