package dev.trib.planner.rdb;

/** A payload that is not valid RDB: RESTORE answers "ERR Bad data format". */
public final class RdbFormatException extends RuntimeException {
    public RdbFormatException(String message) {
        super(message);
    }
}
