package dev.trib.cli.daemon;

import dev.trib.cli.CommandLineFactory;
import dev.trib.cli.Environment;
import dev.trib.cli.ExitCodes;
import dev.trib.cli.TribContext;
import dev.trib.cli.command.CheckCommand;
import dev.trib.cli.command.InfoCommand;
import dev.trib.cli.command.WatchCommand;
import dev.trib.cli.prompt.Prompter;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * One command of a launcher's, run in the daemon's JVM as a JVM of the caller's would run it: its arguments, with
 * relative paths taken from the caller's directory, its environment entries and terminal flag, and stdin closed.
 * {@link #refusal} first, then {@link #execute}: the command line is built and parsed once for both.
 */
final class InProcessRun {
    /** Commands that change nothing and ask nothing: safe to run away from the caller's terminal and signals. */
    private static final Set<String> SERVED = Set.of(CheckCommand.NAME, InfoCommand.NAME, WatchCommand.NAME);

    /** What the command printed and its exit code. */
    record Answer(int exitCode, byte[] out, byte[] err) {
    }

    private final DaemonRequest request;
    private final String[] args;
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintWriter out = writer(outBytes);
    private final PrintWriter err = writer(errBytes);
    private CommandLine commandLine;

    InProcessRun(DaemonRequest request) {
        this.request = request;
        this.args = request.args().toArray(String[]::new);
    }

    /** Why the launcher should run this command itself, or empty when the daemon may. */
    Optional<String> refusal() {
        if (args.length == 0 || !SERVED.contains(args[0])) {
            return Optional.of("only check, info and watch --once run in the daemon");
        }
        commandLine = commandLine();
        CommandLine.ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException usageError) {
            return Optional.empty(); // execute prints it, as a JVM of its own would
        }
        CommandLine.ParseResult command = parsed.subcommand();
        if (command.matchedOption("--askpass") != null) {
            return Optional.of("--askpass reads the terminal");
        }
        if (args[0].equals(WatchCommand.NAME) && command.matchedOption("--once") == null) {
            return Optional.of("watch without --once draws on the terminal");
        }
        return Optional.empty();
    }

    /** Runs a command {@link #refusal} let through. */
    Answer execute() {
        if (commandLine == null) {
            throw new IllegalStateException("execute before refusal, or after one");
        }
        int code;
        try {
            try {
                code = commandLine.execute(args);
            } finally {
                commandLine.getOut().flush();
                commandLine.getErr().flush();
            }
        } catch (RuntimeException e) {
            err.println("trib daemon: " + e);
            code = ExitCodes.PROBLEMS;
        }
        out.flush();
        err.flush();
        return new Answer(code, outBytes.toByteArray(), errBytes.toByteArray());
    }

    private CommandLine commandLine() {
        TribContext context = new TribContext(Environment.of(request.environment()), NO_ONE_TO_ASK,
                request.stdoutIsTerminal());
        CommandLine cl = CommandLineFactory.forArgs(context, out, err, args);
        Path cwd = Path.of(request.cwd());
        cl.registerConverter(Path.class, cwd::resolve);
        return cl;
    }

    private static PrintWriter writer(ByteArrayOutputStream bytes) {
        return new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
    }

    /** As a run with stdin closed: every question is answered "no". The served commands ask none. */
    private static final Prompter NO_ONE_TO_ASK = new Prompter() {
        @Override
        public Optional<String> readLine(String prompt) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> readPassword(String prompt) {
            return Optional.empty();
        }
    };
}
