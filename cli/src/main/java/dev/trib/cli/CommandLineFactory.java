package dev.trib.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Builds the one configured CommandLine: exit codes, error handling and output streams wired in one place. */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    public static CommandLine create(TribContext context, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Trib(context));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ExecutionExceptionHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
