package dev.trib.cli;

import dev.trib.cli.command.AddNodeCommand;
import dev.trib.cli.command.BackupCommand;
import dev.trib.cli.command.CallCommand;
import dev.trib.cli.command.CheckCommand;
import dev.trib.cli.command.CompletionCommand;
import dev.trib.cli.command.ConsistencyTestCommand;
import dev.trib.cli.command.CreateCommand;
import dev.trib.cli.command.DaemonCommand;
import dev.trib.cli.command.DelNodeCommand;
import dev.trib.cli.command.DoctorCommand;
import dev.trib.cli.command.FailoverCommand;
import dev.trib.cli.command.FixCommand;
import dev.trib.cli.command.ImportCommand;
import dev.trib.cli.command.InfoCommand;
import dev.trib.cli.command.JournalCommand;
import dev.trib.cli.command.RebalanceCommand;
import dev.trib.cli.command.ReplaceCommand;
import dev.trib.cli.command.ReshardCommand;
import dev.trib.cli.command.SandboxCommand;
import dev.trib.cli.command.SetTimeoutCommand;
import dev.trib.cli.command.WatchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The top command: only lists subcommands. */
// INHERIT: every subcommand takes -h/--help (and -V/--version) too, as users of any CLI expect.
@Command(name = "trib", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Create, grow, shrink, reshard, check, repair and fail over Redis Cluster deployments.",
        footer = {"", Trib.EXIT_CODES})
public final class Trib implements Runnable {
    /** The footer every subcommand inherits; a subcommand with a footer of its own ends it with this line. */
    public static final String EXIT_CODES = "Exit codes: 0 ok, 1 problems found or operation refused/failed, "
            + "2 usage error, 3 a node could not be reached or authenticated, 130 interrupted (Ctrl-C) and stopped "
            + "at a safe point.";

    /**
     * Every subcommand by name, in the order help lists them. Keyed by the classes' name constants: finding the one
     * a command line names then loads no class and parses no annotation.
     */
    public static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            Map.entry(CreateCommand.NAME, CreateCommand.class),
            Map.entry(CheckCommand.NAME, CheckCommand.class),
            Map.entry(InfoCommand.NAME, InfoCommand.class),
            Map.entry(DoctorCommand.NAME, DoctorCommand.class),
            Map.entry(ReshardCommand.NAME, ReshardCommand.class),
            Map.entry(RebalanceCommand.NAME, RebalanceCommand.class),
            Map.entry(FixCommand.NAME, FixCommand.class),
            Map.entry(ImportCommand.NAME, ImportCommand.class),
            Map.entry(BackupCommand.NAME, BackupCommand.class),
            Map.entry(AddNodeCommand.NAME, AddNodeCommand.class),
            Map.entry(DelNodeCommand.NAME, DelNodeCommand.class),
            Map.entry(FailoverCommand.NAME, FailoverCommand.class),
            Map.entry(ReplaceCommand.NAME, ReplaceCommand.class),
            Map.entry(CallCommand.NAME, CallCommand.class),
            Map.entry(SetTimeoutCommand.NAME, SetTimeoutCommand.class),
            Map.entry(ConsistencyTestCommand.NAME, ConsistencyTestCommand.class),
            Map.entry(WatchCommand.NAME, WatchCommand.class),
            Map.entry(SandboxCommand.NAME, SandboxCommand.class),
            Map.entry(JournalCommand.NAME, JournalCommand.class),
            Map.entry(DaemonCommand.NAME, DaemonCommand.class),
            Map.entry(CompletionCommand.NAME, CompletionCommand.class));

    @SafeVarargs
    private static Map<String, Class<?>> subcommands(Map.Entry<String, Class<?>>... byName) {
        Map<String, Class<?>> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> e : byName) {
            ordered.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(ordered);
    }

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
