package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.mixin.EntryNode;
import dev.trib.cli.output.ClusterText;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.ClusterLoader;
import dev.trib.planner.check.CheckReport;
import dev.trib.planner.check.ClusterChecker;
import dev.trib.planner.check.ClusterSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

// The exit codes are in the footer every subcommand inherits (1 is "problems found" here).
@Command(name = CheckCommand.NAME, description = "Check slot coverage, agreement, open slots and node health.")
public final class CheckCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "check";

    @Mixin
    ClusterAccess cluster;

    @Mixin
    EntryNode entry;

    @Option(names = {"--search-multiple-owners", "--cluster-search-multiple-owners"},
            description = "Also report slots claimed by more than one master.")
    boolean searchMultipleOwners;

    @Override
    public Integer call() {
        try (Session session = cluster.open()) {
            ClusterSnapshot snapshot = new ClusterLoader(session.connector()).load(entry.address);
            CheckReport report = ClusterChecker.check(snapshot, searchMultipleOwners);
            int code = report.healthy() ? ExitCodes.OK : ExitCodes.PROBLEMS;
            if (session.json()) {
                Json.print(session.out(), Json.check(report, code));
            } else {
                ClusterText.info(session.printer(), snapshot);
                ClusterText.check(session.printer(), report);
            }
            return code;
        }
    }
}
