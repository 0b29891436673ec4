package dev.trib.cli;

import dev.trib.cli.command.AddNodeCommand;
import dev.trib.cli.command.BackupCommand;
import dev.trib.cli.command.CallCommand;
import dev.trib.cli.command.CheckCommand;
import dev.trib.cli.command.CompletionCommand;
import dev.trib.cli.command.ConsistencyTestCommand;
import dev.trib.cli.command.CreateCommand;
import dev.trib.cli.command.DelNodeCommand;
import dev.trib.cli.command.FailoverCommand;
import dev.trib.cli.command.FixCommand;
import dev.trib.cli.command.ImportCommand;
import dev.trib.cli.command.InfoCommand;
import dev.trib.cli.command.RebalanceCommand;
import dev.trib.cli.command.ReshardCommand;
import dev.trib.cli.command.SandboxCommand;
import dev.trib.cli.command.SetTimeoutCommand;
import dev.trib.cli.command.WatchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

import java.util.List;

/** The top command: only lists subcommands. */
// INHERIT: every subcommand takes -h/--help (and -V/--version) too, as users of any CLI expect.
@Command(name = "trib", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Create, grow, shrink, reshard, check, repair and fail over Redis Cluster deployments.",
        footer = {"", "Exit codes: 0 ok, 1 problems found or operation refused/failed, 2 usage error, "
                + "3 a node could not be reached or authenticated."})
public final class Trib implements Runnable {
    /** Every subcommand, in the order help lists them. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            CreateCommand.class,
            CheckCommand.class,
            InfoCommand.class,
            ReshardCommand.class,
            RebalanceCommand.class,
            FixCommand.class,
            ImportCommand.class,
            BackupCommand.class,
            AddNodeCommand.class,
            DelNodeCommand.class,
            FailoverCommand.class,
            CallCommand.class,
            SetTimeoutCommand.class,
            ConsistencyTestCommand.class,
            WatchCommand.class,
            SandboxCommand.class,
            CompletionCommand.class);

    private final TribContext context;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    public Trib(TribContext context) {
        this.context = context;
    }

    public TribContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
