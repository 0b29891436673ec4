package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.EntryNode;
import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.planner.check.ClusterSnapshot;
import dev.trib.planner.check.NodeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = InfoCommand.NAME, description = "Show keys, slots and replicas per master, and totals.")
public final class InfoCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "info";

    @Mixin
    ClusterAccess cluster;

    @Mixin
    EntryNode entry;

    @Override
    public Integer call() {
        try (Session session = cluster.open()) {
            ClusterSnapshot snapshot = new ClusterLoader(session.connector()).load(entry.address);
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
