package dev.trib.planner.topology;

/** CLUSTER NODES output that could not be understood; carries the offending line. */
public class NodesParseException extends IllegalArgumentException {
    private final int lineNumber;
    private final String line;

    public NodesParseException(String reason, int lineNumber, String line) {
        super("cannot parse CLUSTER NODES line " + lineNumber + " (" + reason + "): " + line);
        this.lineNumber = lineNumber;
        this.line = line;
    }

    public int lineNumber() {
        return lineNumber;
    }

    public String line() {
        return line;
    }
}
