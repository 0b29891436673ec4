package dev.trib.node.keyspace;

/** A key holds a different type than the command expects; the dispatcher answers WRONGTYPE. */
public final class WrongTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WrongTypeException() {
        super("WRONGTYPE", null, false, false);
    }
}
