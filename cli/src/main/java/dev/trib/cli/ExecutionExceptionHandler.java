package dev.trib.cli;

import dev.trib.commands.exec.Waits;
import dev.trib.commands.migrate.JournalException;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeCommandException;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.planner.PlanningException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * Turns whatever a command threw into one clear line per problem on stderr and an exit code; under --json also
 * the error document on stdout (unless the command printed its own).
 */
final class ExecutionExceptionHandler implements IExecutionExceptionHandler {
    private final StdoutDocument stdout;

    ExecutionExceptionHandler(StdoutDocument stdout) {
        this.stdout = stdout;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code;
        List<String> problems;
        if (ex instanceof OperationRefusedException r) {
            problems = r.problems();
            code = r.accessProblem() ? ExitCodes.UNREACHABLE : ExitCodes.PROBLEMS;
        } else if (ex instanceof NodeAccessException a) {
            problems = List.of(a.getMessage());
            code = ExitCodes.UNREACHABLE;
        } else if (ex instanceof TribException t) {
            problems = List.of(t.getMessage());
            code = t.exitCode();
        } else if (ex instanceof PlanningException || ex instanceof NodeCommandException
                || ex instanceof Waits.WaitTimeoutException || ex instanceof JournalException) {
            problems = List.of(ex.getMessage());
            code = ExitCodes.PROBLEMS;
        } else {
            problems = List.of("Unexpected error: " + (ex.getMessage() == null ? ex.getClass().getName()
                    : ex.getMessage()) + (verbose(parseResult) ? "" : " (run with --verbose for details)"));
            code = ExitCodes.PROBLEMS;
        }
        List<String> args = parseResult.originalArgs();
        problems = problems.stream().map(p -> TypedNames.asTyped(cmd.getCommandSpec(), args, p, false)).toList();
        problems.forEach(p -> err.println("[ERR] " + p));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        if (JsonRequest.asked(parseResult)) {
            stdout.printError(code, problems);
        }
        return code;
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
