package dev.trib.cli.command;

import dev.trib.cli.ExitCodes;
import dev.trib.cli.Trib;
import dev.trib.cli.TribContext;
import dev.trib.cli.TribException;
import dev.trib.cli.daemon.DaemonFile;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = DaemonCommand.NAME, description = "A resident trib that runs check, info and watch --once without "
        + "starting a JVM each time (for monitoring loops and large clusters): start, status, stop.",
        subcommands = {DaemonStartCommand.class, DaemonStatusCommand.class, DaemonStopCommand.class})
public final class DaemonCommand {
    /** The subcommand's name: a constant, so the launcher finds the class without reading annotations. */
    public static final String NAME = "daemon";

    @Spec
    CommandSpec spec;

    TribContext context() {
        return ((Trib) spec.root().userObject()).context();
    }

    /** The launcher's file for this installation's daemon. */
    Path file() {
        return DaemonFile.location(context().environment()).orElseThrow(() -> new TribException(ExitCodes.USAGE,
                "trib daemon works through the trib launcher (bin/trib), which hands commands to it; "
                        + DaemonFile.LOCATION_VARIABLE + " is not set"));
    }

    /** How the user typed trib, for the commands we print. */
    String self() {
        return context().environment().get("TRIB_SELF").orElse("trib");
    }

    /** Prints a line, or under --json the one document: the exit code first, then the fields. */
    static int answer(OutputOptions output, int exitCode, String line, Map<String, Object> fields) {
        PrintWriter out = output.out();
        if (output.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitCode", exitCode);
            doc.putAll(fields);
            Json.print(out, doc);
        } else {
            out.println(line);
        }
        out.flush();
        return exitCode;
    }
}
