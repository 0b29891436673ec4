package dev.trib.commands.consistency;

/**
 * The counters a {@link ConsistencyTest} drives, as an application's cluster client reaches them. A failed call
 * (error reply, timeout, unreachable node) throws; the test counts it and carries on.
 */
public interface Counters extends AutoCloseable {
    /** The counter's value as the server holds it; null when the key does not exist. */
    String get(String key);

    /** INCR: the value after the increment. */
    long incr(String key);

    @Override
    void close();
}
