package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribException;
import dev.trib.cli.mixin.SandboxDirOption;
import dev.trib.commands.sandbox.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "down", description = "Stop the nodes the sandbox started (only those, by pid); each saves its data "
        + "first, and 'up' brings the same cluster back. Exit 1 if nothing was running.")
public final class SandboxDownCommand implements Callable<Integer> {
    @Mixin
    SandboxDirOption dir;

    @Override
    public Integer call() {
        Sandbox sandbox = dir.sandbox();
        if (sandbox.state().isEmpty()) {
            throw new TribException(ExitCodes.PROBLEMS, "No sandbox in " + sandbox.dir() + ": nothing to stop"
                    + dir.olderSandboxHint() + ".");
        }
        int stopped = sandbox.stop();
        if (stopped == 0) {
            throw new TribException(ExitCodes.PROBLEMS, "No node of the sandbox in " + sandbox.dir()
                    + " is running: nothing to stop.");
        }
        dir.out().println("Stopped " + stopped + " node(s) of the sandbox in " + sandbox.dir()
                + "; 'trib sandbox up" + dir.asArgument() + "' brings the cluster back with its data.");
        dir.out().flush();
        return ExitCodes.OK;
    }
}
