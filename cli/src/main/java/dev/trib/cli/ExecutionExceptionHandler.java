package dev.trib.cli;

import dev.trib.commands.exec.Waits;
import dev.trib.commands.node.NodeAccessException;
import dev.trib.commands.node.NodeCommandException;
import dev.trib.commands.ops.OperationRefusedException;
import dev.trib.planner.PlanningException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/** Turns whatever a command threw into one clear line per problem on stderr and an exit code. */
final class ExecutionExceptionHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code;
        if (ex instanceof OperationRefusedException r) {
            r.problems().forEach(p -> err.println("[ERR] " + p));
            code = r.accessProblem() ? ExitCodes.UNREACHABLE : ExitCodes.PROBLEMS;
        } else if (ex instanceof NodeAccessException a) {
            err.println("[ERR] " + a.getMessage());
            code = ExitCodes.UNREACHABLE;
        } else if (ex instanceof TribException t) {
            err.println("[ERR] " + t.getMessage());
            code = t.exitCode();
        } else if (ex instanceof PlanningException || ex instanceof NodeCommandException
                || ex instanceof Waits.WaitTimeoutException) {
            err.println("[ERR] " + ex.getMessage());
            code = ExitCodes.PROBLEMS;
        } else {
            err.println("[ERR] Unexpected error: " + (ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage())
                    + (verbose(parseResult) ? "" : " (run with --verbose for details)"));
            code = ExitCodes.PROBLEMS;
        }
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
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
