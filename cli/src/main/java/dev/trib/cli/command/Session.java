package dev.trib.cli.command;

import dev.trib.cli.TribContext;
import dev.trib.cli.mixin.ConnectionOptions;
import dev.trib.cli.mixin.OutputOptions;
import dev.trib.cli.output.Printer;
import dev.trib.commands.node.ConnectionSettings;
import dev.trib.commands.node.NodeConnector;
import dev.trib.commands.ops.ProgressListener;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/**
 * The wiring one command invocation needs: where to print, how to connect. Under --json every human line (results,
 * progress, warnings) goes to stderr and stdout carries only the JSON document, so a script reading stdout gets one
 * clean document whatever path the command takes.
 *
 * @param out       the command's stdout
 * @param errWriter the command's stderr
 * @param printer   where human-readable results go: stdout for text, stderr under --json
 * @param progress  where progress goes: stdout for text, stderr under --json
 * @param json      --json: stdout carries only the JSON document
 * @param quiet     --quiet: results only, no progress
 * @param terminal  a person watches stdout: progress may redraw one line
 */
record Session(PrintWriter out, PrintWriter errWriter, Printer printer, Printer progress, NodeConnector connector,
               boolean json, boolean quiet, boolean terminal) implements AutoCloseable {

    static Session open(CommandSpec spec, TribContext context, ConnectionOptions connection, OutputOptions output) {
        return open(spec, context, connection.settings(context, spec.commandLine().getErr()), output);
    }

    static Session open(CommandSpec spec, TribContext context, ConnectionSettings settings, OutputOptions output) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean color = output.color(context);
        Printer printer = output.json ? new Printer(err, false, output.quiet) : new Printer(out, color, output.quiet);
        return new Session(out, err, printer, printer, new NodeConnector(settings), output.json, output.quiet,
                context.stdoutIsTerminal());
    }

    ConnectionSettings settings() {
        return connector.settings();
    }

    ProgressListener listener() {
        return listener(line -> { });
    }

    /** The listener, whose warnings are also handed to {@code alsoWarnings} (a --json document that lists them). */
    ProgressListener listener(java.util.function.Consumer<String> alsoWarnings) {
        return new ProgressListener() {
            @Override
            public void step(String description) {
                if (System.getenv("TRIB_STEP_TIMES") != null) {
                    System.err.println("[" + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                            + " ms] " + description);
                }
                progress.step(description);
            }

            @Override
            public void detail(String line) {
                progress.detail(line);
            }

            @Override
            public void warning(String line) {
                progress.warning(line);
                alsoWarnings.accept(line);
            }
        };
    }

    @Override
    public void close() {
        connector.close();
    }
}
