package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.HostAndPortConverter;
import dev.trib.cli.Trib;
import dev.trib.cli.mixin.ConnectionOptions;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.output.DoctorJson;
import dev.trib.cli.output.DoctorText;
import dev.trib.cli.output.Json;
import dev.trib.commands.ops.DoctorOperation;
import dev.trib.planner.doctor.Doctor;
import dev.trib.planner.doctor.DoctorInput;
import dev.trib.planner.doctor.DoctorReport;
import dev.trib.planner.topology.HostAndPort;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

// The exit codes are in the footer every subcommand inherits (1 is "a warning or an error found" here).
// A hung node must not hold the report for a minute: watch's 5 s reply timeout (each read is one short page).
@Command(name = DoctorCommand.NAME, description = "Find what will hurt before it hurts: settings that differ, "
        + "big keys, memory headroom, replication, versions, permissions. Changes nothing.",
        defaultValueProvider = WatchCommand.Defaults.class,
        footer = {"%nHere --command-timeout defaults to 5000 ms: a hung node is reported, not waited for.", "",
                Trib.EXIT_CODES})
public final class DoctorCommand implements Callable<Integer> {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "doctor";

    @ParentCommand
    Trib trib;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any node of the cluster.",
            converter = HostAndPortConverter.class)
    HostAndPort entry;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "1000",
            description = "Keys sized with MEMORY USAGE per master (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--full", description = "Size every key instead of a sample (slow on big clusters).")
    boolean full;

    @Option(names = "--acl-user", paramLabel = "USER",
            description = "Check this user's permissions (default: the user trib connects as).")
    String aclUser;

    @Option(names = "--transfer-rate", paramLabel = "MB", defaultValue = "20",
            description = "MB per second a MIGRATE moves, to estimate how long a key blocks its master "
                    + "(default: ${DEFAULT-VALUE}).")
    double transferRateMb;

    @Override
    public Integer call() {
        if (sample < 1) {
            throw new ParameterException(spec.commandLine(), "--sample must be at least 1");
        }
        if (!(transferRateMb > 0)) {
            throw new ParameterException(spec.commandLine(), "--transfer-rate must be a positive number of MB");
        }
        try (Session session = Session.open(spec, trib.context(), connection, output)) {
            DoctorInput input = new DoctorOperation(session.connector()).gather(new DoctorOperation.Request(entry,
                    sample, full, Optional.ofNullable(aclUser), transferRateMb * 1024 * 1024));
            DoctorReport report = Doctor.examine(input);
            int code = report.clean() ? ExitCodes.OK : ExitCodes.PROBLEMS;
            if (session.json()) {
                Json.print(session.out(), DoctorJson.document(report, code, full ? null : sample));
            } else {
                DoctorText.print(session.printer(), report);
            }
            return code;
        }
    }
}
