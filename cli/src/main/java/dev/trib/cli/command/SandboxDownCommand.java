package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.SandboxDirOption;
import dev.trib.commands.sandbox.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "down", description = "Stop the nodes the sandbox started (only those, by pid); keep their data.")
public final class SandboxDownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SandboxDirOption dir;

    @Override
    public Integer call() {
        Sandbox sandbox = dir.sandbox();
        int stopped = sandbox.stop();
        spec.commandLine().getOut().println("Stopped " + stopped + " node(s) of the sandbox in " + sandbox.dir() + ".");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
