package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.Trib;
import dev.trib.cli.mixin.ConfirmOptions;
import dev.trib.cli.mixin.ConnectionOptions;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = InfoCommand.NAME, description = "Show keys, slots and replicas per master, and totals.")
public final class InfoCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "info";

    @ParentCommand
    Trib trib;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Mixin
    ConfirmOptions confirm;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.",
            converter = HostAndPortConverter.class)
    HostAndPort entry;

    @Override
    public Integer call() {
        try (Session session = Session.open(spec, trib.context(), connection, output)) {
            ClusterSnapshot snapshot = new ClusterLoader(session.connector()).load(entry);
            boolean whole = snapshot.countedMasters().stream().allMatch(NodeReport::reachable);
            if (session.json()) {
                Json.print(session.out(), Json.withExitCode(ExitCodes.OK, Json.info(snapshot)));
            } else {
                ClusterText.info(session.printer(), snapshot);
            }
            // Totals that leave out an unreachable master's keys are not a clean answer.
            return whole ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }
}
