package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.SandboxDirOption;
import dev.trib.commands.sandbox.Sandbox;
import dev.trib.commands.sandbox.SandboxState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", description = "List the sandbox's nodes and whether each runs. Exit 1 if any is down.")
public final class SandboxStatusCommand implements Callable<Integer> {
    @Mixin
    SandboxDirOption dir;

    @Override
    public Integer call() {
        Sandbox sandbox = dir.sandbox();
        PrintWriter out = dir.out();
        SandboxState state = sandbox.state().orElse(null);
        if (state == null) {
            out.println("No sandbox in " + sandbox.dir() + dir.olderSandboxHint() + ".");
            return ExitCodes.PROBLEMS;
        }
        List<Sandbox.NodeStatus> status = sandbox.status(state);
        for (Sandbox.NodeStatus s : status) {
            out.println(s.node().address() + " pid " + s.node().pid() + " " + (s.running() ? "running" : "stopped")
                    + "  log " + s.node().logFile());
        }
        long running = status.stream().filter(Sandbox.NodeStatus::running).count();
        out.println(running + " of " + status.size() + " nodes running.");
        out.flush();
        return running == status.size() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
