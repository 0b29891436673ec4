package dev.trib.commands.ops;

import java.util.List;

/**
 * An operation was refused before it changed anything: bad nodes, an impossible request. Carries one line per
 * problem so the user sees them all at once.
 */
public class OperationRefusedException extends RuntimeException {
    private final List<String> problems;
    private final boolean accessProblem;

    public OperationRefusedException(List<String> problems, boolean accessProblem) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.accessProblem = accessProblem;
    }

    public OperationRefusedException(String problem) {
        this(List.of(problem), false);
    }

    public List<String> problems() {
        return problems;
    }

    /** True when a node could not be reached or authenticated (exit 3 rather than 1). */
    public boolean accessProblem() {
        return accessProblem;
    }
}
