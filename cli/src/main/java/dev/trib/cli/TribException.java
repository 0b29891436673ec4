package dev.trib.cli;

/** A failure a command has already put into words: printed as one line and mapped to its exit code. */
public class TribException extends RuntimeException {
    private final int exitCode;

    public TribException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
