package dev.trib.node.support;

import dev.trib.node.keyspace.Clock;

/** A clock tests move by hand. */
public final class MutableClock implements Clock {
    private long now;

    public MutableClock(long startMillis) {
        this.now = startMillis;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    public void advance(long millis) {
        now += millis;
    }

    public void set(long millis) {
        now = millis;
    }
}
