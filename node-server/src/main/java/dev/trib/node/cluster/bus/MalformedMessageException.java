package dev.trib.node.cluster.bus;

/** A bus message that breaks the framing or length rules; the link that sent it is closed. */
public final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
