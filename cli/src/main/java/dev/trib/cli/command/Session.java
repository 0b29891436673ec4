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
 */
final class Session implements AutoCloseable {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Printer printer;
    private final Printer progressPrinter;
    private final NodeConnector connector;
    private final boolean json;
    private final boolean quiet;
    private final boolean terminal;

    private Session(PrintWriter out, PrintWriter err, Printer printer, Printer progressPrinter,
                    NodeConnector connector, boolean json, boolean quiet, boolean terminal) {
        this.out = out;
        this.err = err;
        this.printer = printer;
        this.progressPrinter = progressPrinter;
        this.connector = connector;
        this.json = json;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    static Session open(CommandSpec spec, TribContext context, ConnectionOptions connection, OutputOptions output) {
        return open(spec, context, connection.settings(context, spec.commandLine().getErr()), output);
    }

    static Session open(CommandSpec spec, TribContext context, ConnectionSettings settings, OutputOptions output) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean color = output.color(context);
        Printer printer = output.json ? new Printer(err, false, output.quiet) : new Printer(out, color, output.quiet);
        Printer progress = printer;
        return new Session(out, err, printer, progress, new NodeConnector(settings), output.json,
                output.quiet, context.stdoutIsTerminal());
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter errWriter() {
        return err;
    }

    /** Where human-readable results go: stdout for text, stderr under --json. */
    Printer printer() {
        return printer;
    }

    /** Where progress goes: stdout for text, stderr under --json. */
    Printer progress() {
        return progressPrinter;
    }

    boolean json() {
        return json;
    }

    /** --quiet: results only, no progress. */
    boolean quiet() {
        return quiet;
    }

    /** A person watches stdout: progress may redraw one line. */
    boolean terminal() {
        return terminal;
    }

    NodeConnector connector() {
        return connector;
    }

    ConnectionSettings settings() {
        return connector.settings();
    }

    ProgressListener listener() {
        return new ProgressListener() {
            @Override
            public void step(String description) {
                if (System.getenv("TRIB_STEP_TIMES") != null) {
                    System.err.println("[" + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()
                            + " ms] " + description);
                }
                progressPrinter.step(description);
            }

            @Override
            public void detail(String line) {
                progressPrinter.detail(line);
            }
        };
    }

    @Override
    public void close() {
        connector.close();
    }
}
