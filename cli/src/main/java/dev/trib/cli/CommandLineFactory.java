package dev.trib.cli;

import dev.trib.cli.command.CompletionCommand;
import picocli.CommandLine;

import java.io.PrintWriter;

/** Builds the one configured CommandLine: exit codes, error handling and output streams wired in one place. */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    /** The full command line, with every subcommand (help, completion scripts). */
    public static CommandLine create(TribContext context, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Trib(context));
        for (Class<?> sub : Trib.SUBCOMMANDS.values()) {
            cl.addSubcommand(sub);
        }
        return configure(cl, out, err);
    }

    /**
     * The command line for these arguments. Building picocli's model of a subcommand costs tens of milliseconds
     * at start-up, so when the first argument names a subcommand only that one is built; anything else (help,
     * an unknown word) gets them all.
     */
    public static CommandLine forArgs(TribContext context, PrintWriter out, PrintWriter err, String... args) {
        Class<?> named = args.length > 0 && !args[0].equals(CompletionCommand.NAME)
                ? Trib.SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            CommandLine cl = new CommandLine(new Trib(context));
            cl.addSubcommand(named);
            return configure(cl, out, err);
        }
        return create(context, out, err);
    }

    /** Settings apply to the subcommands present at the time: call after adding them. */
    private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        StderrWarnings stderr = new StderrWarnings(err);
        StdoutDocument stdout = new StdoutDocument(out, stderr);
        cl.setOut(stdout.writer());
        cl.setErr(stderr.writer());
        cl.setExecutionExceptionHandler(new ExecutionExceptionHandler(stdout));
        cl.setParameterExceptionHandler(new UsageErrorHandler(stdout));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
