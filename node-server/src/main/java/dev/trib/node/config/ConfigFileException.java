package dev.trib.node.config;

/** A startup configuration error, reported the way redis-server reports a bad config file. */
public final class ConfigFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int lineNumber;
    private final String line;
    private final String reason;

    public ConfigFileException(int lineNumber, String line, String reason) {
        super(reason + " (line " + lineNumber + ": " + line + ")");
        this.lineNumber = lineNumber;
        this.line = line;
        this.reason = reason;
    }

    /** The multi-line banner redis-server prints before exiting with status 1. */
    public String banner() {
        return "\n*** FATAL CONFIG FILE ERROR (Redis " + ServerIdentity.REDIS_VERSION + ") ***\n"
                + "Reading the configuration file, at line " + lineNumber + "\n"
                + ">>> '" + line + "'\n"
                + reason;
    }
}
