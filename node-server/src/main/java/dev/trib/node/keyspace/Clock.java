package dev.trib.node.keyspace;

/** Wall-clock milliseconds, injected so tests can move time for TTLs. */
@FunctionalInterface
public interface Clock {
    long nowMillis();

    static Clock system() {
        return System::currentTimeMillis;
    }
}
