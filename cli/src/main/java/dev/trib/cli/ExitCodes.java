package dev.trib.cli;

/** trib's exit codes: part of its API, documented in docs/exit-codes.md. Never renumber. */
public final class ExitCodes {
    /** Done; for check: the cluster is healthy. */
    public static final int OK = 0;
    /** Problems found (check), the request was refused, or an operation failed; nothing hidden. */
    public static final int PROBLEMS = 1;
    /** Bad command line: unknown option, malformed address. Nothing was contacted. */
    public static final int USAGE = 2;
    /** A node could not be reached or refused our credentials. */
    public static final int UNREACHABLE = 3;
    /**
     * Interrupted (Ctrl-C, TERM) and stopped at a safe point: nothing is left half-done and the message says how to
     * go on. 128 + SIGINT, what a shell reports for a Ctrl-C anyway.
     */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
